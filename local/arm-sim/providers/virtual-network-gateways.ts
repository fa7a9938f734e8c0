import { z } from 'zod';
import { ArmError } from '../arm-error.js';
import type { ArmBody, StoredResource } from '../resource-store.js';
import type { ResourceKind, SimulatorContext } from '../simulator-context.js';
import { envelope, idRef, parseBody, requireReference } from './parse-body.js';

/** The ARM type `Microsoft.Network/virtualNetworkGateways`. */
export const GATEWAY_TYPE = 'Microsoft.Network/virtualNetworkGateways';
/** The ARM type `Microsoft.Network/connections` (VirtualNetworkGatewayConnection). */
export const CONNECTION_TYPE = 'Microsoft.Network/connections';

const gatewaySchema = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  properties: z.looseObject({
    gatewayType: z.enum(['Vpn', 'ExpressRoute', 'LocalGateway']),
    vpnType: z.enum(['RouteBased', 'PolicyBased']).optional(),
    sku: z.looseObject({ name: z.string().min(1), tier: z.string().optional() }),
    enableBgp: z.boolean().optional(),
    activeActive: z.boolean().optional(),
    ipConfigurations: z.array(z.looseObject({
      name: z.string().min(1),
      properties: z.looseObject({ privateIPAllocationMethod: z.enum(['Dynamic', 'Static']).optional(), subnet: idRef, publicIPAddress: idRef }),
    })).min(1),
  }),
});

/**
 * Virtual network gateways. As in Azure: the gateway sits in its VNet's subnet named exactly
 * `GatewaySubnet`, each IP configuration takes a public IP no one else holds (a Standard one for
 * an AZ SKU), creating it is the slowest thing ARM does (`vpnGatewayPut`), and it cannot be
 * deleted while a connection uses it (VirtualNetworkGatewayCannotBeDeleted).
 */
export const virtualNetworkGateways: ResourceKind = {
  type: GATEWAY_TYPE,
  mode: 'async',
  put(ctx, target, body) {
    const input = parseBody(gatewaySchema, body);
    const ipConfigurations = input.properties.ipConfigurations.map((c, i) => {
      const subnet = requireReference(ctx, c.properties.subnet.id, target.id, 'Microsoft.Network/virtualNetworks/subnets');
      if (subnet.body.name !== 'GatewaySubnet') {
        throw new ArmError('InvalidParameter', `Subnet ${subnet.body.id} referenced by ipConfigurations[${i}] of ${target.id} is not a GatewaySubnet: a virtual network gateway needs the subnet named 'GatewaySubnet'.`);
      }
      const pip = requireReference(ctx, c.properties.publicIPAddress.id, target.id, 'Microsoft.Network/publicIPAddresses');
      if (/AZ$/i.test(input.properties.sku.name) && (pip.body.sku as { name?: string } | undefined)?.name !== 'Standard') {
        throw new ArmError('InvalidParameter', `Public IP ${pip.body.id} must have the Standard SKU for an ${input.properties.sku.name} gateway.`);
      }
      const holder = publicIpHolder(ctx, pip.body.id, target.id);
      if (holder) throw new ArmError('PublicIPAddressInUse', `Public IP address ${pip.body.id} is already in use by ${holder}.`);
      return { id: `${target.id}/ipConfigurations/${c.name}`, name: c.name,
        properties: { privateIPAllocationMethod: 'Dynamic', ...c.properties, subnet: { id: subnet.body.id }, publicIPAddress: { id: pip.body.id } } };
    });
    const properties = { vpnType: 'RouteBased', enableBgp: false, activeActive: false, vpnGatewayGeneration: 'Generation1',
      ...input.properties, sku: { tier: input.properties.sku.name, ...input.properties.sku }, ipConfigurations };
    return { stored: { body: envelope(target, GATEWAY_TYPE, input, properties), hidden: {} }, latency: 'vpnGatewayPut' };
  },
  checkDelete(ctx, stored) {
    const user = connectionsOf(ctx, stored.body.id)[0];
    if (user) {
      throw new ArmError('VirtualNetworkGatewayCannotBeDeleted', `Virtual network gateway ${stored.body.id} cannot be deleted because it is in use by connection ${user.body.id}. Delete the connection first.`);
    }
  },
};

/** The resource (NIC or gateway) other than `self` whose IP configuration holds the public IP, if any. */
export function publicIpHolder(ctx: SimulatorContext, pipId: string, self?: string): string | undefined {
  const sub = pipId.split('/').slice(0, 3).join('/') + '/';
  const wanted = pipId.toLowerCase();
  for (const type of ['Microsoft.Network/networkInterfaces', GATEWAY_TYPE]) {
    const user = ctx.store.list(sub, type).find((r) => r.body.id.toLowerCase() !== self?.toLowerCase()
      && ((r.body.properties.ipConfigurations ?? []) as { properties: { publicIPAddress?: { id: string } } }[])
        .some((c) => c.properties.publicIPAddress?.id.toLowerCase() === wanted));
    if (user) return user.body.id;
  }
  return undefined;
}

/** Connections whose either end is the gateway `gatewayId`. */
function connectionsOf(ctx: SimulatorContext, gatewayId: string): StoredResource[] {
  const sub = gatewayId.split('/').slice(0, 3).join('/') + '/';
  const wanted = gatewayId.toLowerCase();
  return ctx.store.list(sub, CONNECTION_TYPE).filter((c) => [gatewayEnd(c, 1), gatewayEnd(c, 2)].some((id) => id?.toLowerCase() === wanted));
}

function gatewayEnd(connection: StoredResource, end: 1 | 2): string | undefined {
  return (connection.body.properties[`virtualNetworkGateway${end}`] as { id?: string } | undefined)?.id;
}

const connectionSchema = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  properties: z.looseObject({
    connectionType: z.enum(['IPsec', 'Vnet2Vnet', 'ExpressRoute', 'VPNClient']),
    virtualNetworkGateway1: idRef,
    virtualNetworkGateway2: idRef.optional(),
    sharedKey: z.string().min(1).max(128).optional(),
    enableBgp: z.boolean().optional(),
    routingWeight: z.number().int().optional(),
  }),
});

/**
 * Virtual network gateway connections, VNet-to-VNet only (the kind the product makes). Each
 * direction is its own resource, as in Azure; both gateways must have finished provisioning
 * (ReferencedResourceNotProvisioned otherwise). `connectionStatus` is `Connected` once both
 * gateways stand and the connection back exists with the same shared key, `NotConnected` while
 * the way back is missing or its key differs. The shared key is kept but never returned.
 */
export const vpnConnections: ResourceKind = {
  type: CONNECTION_TYPE,
  mode: 'async',
  put(ctx, target, body) {
    const input = parseBody(connectionSchema, body);
    if (input.properties.connectionType !== 'Vnet2Vnet' || !input.properties.virtualNetworkGateway2) {
      throw new ArmError('InvalidParameter', `Connection ${target.id}: the simulator serves Vnet2Vnet connections between two virtual network gateways only.`);
    }
    const [one, two] = [input.properties.virtualNetworkGateway1.id, input.properties.virtualNetworkGateway2.id]
      .map((id) => requireProvisioned(ctx, requireReference(ctx, id, target.id, GATEWAY_TYPE), target.id));
    if (one!.body.location !== input.location) {
      throw new ArmError('InvalidParameter', `Connection ${target.id} must be in the location of virtualNetworkGateway1 (${one!.body.location}), not ${input.location}.`);
    }
    const { sharedKey, ...given } = input.properties;
    const properties = { routingWeight: 0, enableBgp: false, ...given,
      virtualNetworkGateway1: { id: one!.body.id }, virtualNetworkGateway2: { id: two!.body.id } };
    // Azure makes up a key when none is given; the two directions then differ until one is set.
    return { stored: { body: envelope(target, CONNECTION_TYPE, input, properties), hidden: { sharedKey: sharedKey ?? crypto.randomUUID() } },
      latency: 'vpnConnectionPut' };
  },
  present(ctx, stored) {
    return { ...stored.body, properties: { ...stored.body.properties, connectionStatus: connectionStatusOf(ctx, stored),
      ingressBytesTransferred: 0, egressBytesTransferred: 0 } } satisfies ArmBody;
  },
};

function requireProvisioned(ctx: SimulatorContext, gateway: StoredResource, referrer: string): StoredResource {
  const state = gateway.body.properties.provisioningState;
  if (state !== 'Succeeded') {
    throw new ArmError('ReferencedResourceNotProvisioned', `Cannot proceed with operation because resource ${gateway.body.id} used by resource ${referrer} is not in Succeeded state. Resource is in ${String(state)} state.`);
  }
  return gateway;
}

/** Connected when both gateways stand and the connection back carries the same key. */
export function connectionStatusOf(ctx: SimulatorContext, connection: StoredResource): 'Connected' | 'Connecting' | 'NotConnected' {
  if (connection.body.properties.provisioningState !== 'Succeeded') return 'Connecting';
  const [one, two] = [gatewayEnd(connection, 1), gatewayEnd(connection, 2)].map((id) => (id ? ctx.store.get(id) : undefined));
  if (one?.body.properties.provisioningState !== 'Succeeded' || two?.body.properties.provisioningState !== 'Succeeded') return 'NotConnected';
  const back = connectionsOf(ctx, two.body.id).find((c) => c.body.properties.provisioningState === 'Succeeded'
    && gatewayEnd(c, 1)?.toLowerCase() === two.body.id.toLowerCase() && gatewayEnd(c, 2)?.toLowerCase() === one.body.id.toLowerCase());
  return back && back.hidden.sharedKey === connection.hidden.sharedKey ? 'Connected' : 'NotConnected';
}
