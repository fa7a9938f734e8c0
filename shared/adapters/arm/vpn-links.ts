import type { VirtualNetworkGatewayConnection } from '@azure/arm-network';
import type { ArmClients } from './create-arm-clients.js';
import type { OwnedDeletion, VpnConnectionStatus, VpnGatewayState } from '../../domain/ports/arm-port.js';
import type { DeploymentVpnGateway } from '../../domain/deploy/deployment-plan.js';
import type { VpnConnectionPlan } from '../../domain/topology/cluster-plan.js';
import { networkId, subnetId } from './arm-resource-ids.js';
import { ownerFromTags } from './resource-owner-tags.js';
import { readUnlessGone, unlessGone } from './unless-gone.js';

/** What the VPN calls share with ArmDeployer. */
export interface VpnLinkContext {
  clients: ArmClients;
  subscriptionId: string;
  clusterTag: string;
  tags: Record<string, string>;
  lro: { updateIntervalInMs: number };
}

/**
 * Starts the gateway after its public IP (a Standard static one: AZ SKUs take no Basic IP). Only
 * the PUT is sent: the SDK's poller is dropped, and the caller polls the gateway's state instead,
 * because on Azure it stays Updating for 30-45 minutes, far past an activity's time limit. A
 * gateway already provisioned or being built is not PUT again: Azure refuses a second operation
 * on a gateway that has one running, and a provisioned one needs nothing.
 */
export async function beginVpnGateway(ctx: VpnLinkContext, gw: DeploymentVpnGateway): Promise<VpnGatewayState> {
  const { network } = ctx.clients;
  const current = await readVpnGatewayState(ctx, gw);
  if (current === 'Succeeded' || current === 'Provisioning') return current;
  await network.publicIPAddresses.beginCreateOrUpdateAndWait(gw.resourceGroup, gw.publicIpName, {
    location: gw.location, tags: ctx.tags, sku: { name: 'Standard', tier: 'Regional' }, publicIPAllocationMethod: 'Static',
  }, ctx.lro);
  await network.virtualNetworkGateways.beginCreateOrUpdate(gw.resourceGroup, gw.name, {
    location: gw.location, tags: ctx.tags, gatewayType: 'Vpn', vpnType: 'RouteBased', enableBgp: false, active: false,
    sku: { name: gw.sku as 'VpnGw1AZ', tier: gw.sku as 'VpnGw1AZ' },
    ipConfigurations: [{ name: gw.ipConfigName, privateIPAllocationMethod: 'Dynamic',
      subnet: { id: subnetId(ctx.subscriptionId, gw.resourceGroup, gw.vnetName, gw.subnetName) },
      publicIPAddress: { id: networkId(ctx.subscriptionId, gw.resourceGroup, 'publicIPAddresses', gw.publicIpName) } }],
  }, ctx.lro);
  return readVpnGatewayState(ctx, gw);
}

/** The gateway's provisioningState, folded: Creating/Updating are Provisioning; a 404 is Absent. */
export async function readVpnGatewayState(ctx: VpnLinkContext, gw: DeploymentVpnGateway): Promise<VpnGatewayState> {
  const gateway = await readUnlessGone(() => ctx.clients.network.virtualNetworkGateways.get(gw.resourceGroup, gw.name));
  if (!gateway) return 'Absent';
  const state = gateway.provisioningState;
  return state === 'Succeeded' ? 'Succeeded' : state === 'Failed' ? 'Failed' : 'Provisioning';
}

/** One direction of a VNet-to-VNet connection, in the region of its first gateway. */
export async function ensureVpnConnection(ctx: VpnLinkContext, c: VpnConnectionPlan, sharedKey: string): Promise<void> {
  const gateway = (group: string, name: string) => ({ id: networkId(ctx.subscriptionId, group, 'virtualNetworkGateways', name) });
  const body: VirtualNetworkGatewayConnection = {
    location: c.location, tags: ctx.tags, connectionType: 'Vnet2Vnet', sharedKey, enableBgp: false, routingWeight: 0,
    virtualNetworkGateway1: gateway(c.resourceGroup, c.gatewayName), virtualNetworkGateway2: gateway(c.remoteResourceGroup, c.remoteGatewayName),
  };
  await ctx.clients.network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(c.resourceGroup, c.name, body, ctx.lro);
}

export async function readVpnConnectionStatus(ctx: VpnLinkContext, c: VpnConnectionPlan): Promise<VpnConnectionStatus> {
  const connection = await readUnlessGone(() => ctx.clients.network.virtualNetworkGatewayConnections.get(c.resourceGroup, c.name));
  if (!connection) return 'Absent';
  const status = connection.connectionStatus;
  return status === 'Connected' || status === 'Connecting' || status === 'NotConnected' ? status : 'Unknown';
}

/**
 * Deletes the connection when its tag names `cluster`: the product removes only what it made. It
 * must go before the remote gateway, which Azure will not delete while a connection uses it.
 */
export async function deleteVpnConnection(ctx: VpnLinkContext, c: VpnConnectionPlan, cluster: string): Promise<OwnedDeletion> {
  const { virtualNetworkGatewayConnections: connections } = ctx.clients.network;
  const existing = await readUnlessGone(() => connections.get(c.resourceGroup, c.name));
  if (!existing) return { deleted: true };
  const owner = ownerFromTags(existing.tags, ctx.clusterTag);
  if (!owner.exists || owner.cluster !== cluster) {
    return { deleted: false, reason: `its ${ctx.clusterTag} tag does not name cluster ${cluster}: the product did not create it` };
  }
  await unlessGone(() => connections.beginDeleteAndWait(c.resourceGroup, c.name, ctx.lro));
  return { deleted: true };
}
