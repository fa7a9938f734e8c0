import { randomBytes } from 'node:crypto';
import type { ClusterSecretsInput, VpnConnectionDeletion, VpnConnectionInput, VpnGatewayInput } from '../contracts/activity-io.js';
import type { VpnConnectionStatus, VpnGatewayState } from '../domain/ports/arm-port.js';
import { vpnSharedKeySecretName } from '../domain/ports/secret-store.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { ownerOf } from './owner-of.js';

/** 32 random bytes as hex: letters and digits only, which every IPsec peer accepts as a pre-shared key. */
function generateSharedKey(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The VPN link activities: gateways (begun, then read, since Azure builds one for tens of
 * minutes), the shared key (generated once into the secret store: never in a plan, table or
 * log), the connections and their status, and owner-checked connection deletes.
 */
export function createVpnActivities({ arm, secrets }: ActivityDeps) {
  return {
    beginVpnGateway: (i: VpnGatewayInput): Promise<Result<VpnGatewayState>> => arm.beginVpnGateway(i.gateway, ownerOf(i)),
    readVpnGatewayState: (i: VpnGatewayInput): Promise<Result<VpnGatewayState>> => arm.readVpnGatewayState(i.gateway),
    /** Stored before any connection uses it, and kept when present: both directions of a link must carry the same key. */
    ensureVpnSharedKey: async ({ clusterName }: ClusterSecretsInput): Promise<Result<void>> => {
      const name = vpnSharedKeySecretName(clusterName);
      if ((await secrets.getSecret(name)) === undefined) await secrets.setSecret(name, generateSharedKey());
      return ok(undefined);
    },
    /** Reads the key ensureVpnSharedKey stored; none is a broken order of steps, not something a retry mends. */
    createOrUpdateVpnConnection: async (i: VpnConnectionInput): Promise<Result<void>> => {
      const sharedKey = await secrets.getSecret(vpnSharedKeySecretName(i.clusterName));
      if (sharedKey === undefined) {
        return fail({ code: 'CASSOPS_INTERNAL', message: `VPN connection ${i.connection.name}: the cluster's shared key is not in the secret store` });
      }
      return arm.ensureVpnConnection(i.connection, sharedKey, ownerOf(i));
    },
    readVpnConnectionStatus: (i: VpnConnectionInput): Promise<Result<VpnConnectionStatus>> => arm.readVpnConnectionStatus(i.connection),
    deleteVpnConnection: async (i: VpnConnectionInput): Promise<Result<VpnConnectionDeletion>> => {
      const done = await arm.deleteVpnConnection(i.connection, i.clusterName);
      if (!done.ok) return done;
      return ok({ name: i.connection.name, deleted: done.value.deleted, ...(done.value.deleted ? {} : { reason: done.value.reason }) });
    },
  };
}
