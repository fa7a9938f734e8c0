import { z } from 'zod';
import { ArmError } from '../arm-error.js';
import type { ArmBody, StoredResource } from '../resource-store.js';
import type { ResourceKind, ResourceTarget, SimulatorContext } from '../simulator-context.js';
import { envelope, parseBody, parseCidr, prefixContains, prefixesOverlap } from './request-body.js';
import { buildSubnet, checkSubnetDeletable, inlineSubnetSchema, presentSubnet, SUBNET_TYPE } from './subnets.js';

export const VNET_TYPE = 'Microsoft.Network/virtualNetworks';
export const PEERING_TYPE = 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings';

const vnetSchema = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  properties: z.looseObject({
    addressSpace: z.looseObject({ addressPrefixes: z.array(z.string()).min(1) }),
    subnets: z.array(inlineSubnetSchema).optional(),
  }),
});

/**
 * Virtual networks. Subnets sent inline become child resources; a PUT replaces the set, as in
 * Azure, so subnets missing from it are deleted (InUseSubnetCannotBeDeleted if one is in use).
 */
export const virtualNetworks: ResourceKind = {
  type: VNET_TYPE,
  mode: 'async',
  put(ctx, target, body, existing) {
    const input = parseBody(vnetSchema, body);
    const spaces = input.properties.addressSpace.addressPrefixes.map((p, i) => parseCidr(ctx, p, `properties.addressSpace.addressPrefixes[${i}]`));
    const subnets = (input.properties.subnets ?? []).map((s, i) => {
      const childTarget: ResourceTarget = { ...target, types: [...target.types, 'subnets'], names: [...target.names, s.name], id: `${target.id}/subnets/${s.name}` };
      return buildSubnet(ctx, childTarget, s, spaces, `properties.subnets[${i}]`);
    });
    checkNoOverlap(subnets);
    const kept = new Set(subnets.map((s) => s.body.id.toLowerCase()));
    const removed = existing ? ctx.store.list(`${existing.body.id}/`, SUBNET_TYPE).filter((s) => !kept.has(s.body.id.toLowerCase())) : [];
    removed.forEach((s) => checkSubnetDeletable(ctx, s));
    const { subnets: _inline, ...properties } = input.properties;
    const stored: StoredResource = {
      body: envelope(target, VNET_TYPE, input, { ...properties, resourceGuid: existing?.body.properties.resourceGuid ?? crypto.randomUUID() }),
      hidden: {},
    };
    removed.forEach((s) => ctx.store.delete(s.body.id));
    subnets.forEach((s) => { s.body.properties.provisioningState = 'Succeeded'; ctx.store.put(s); });
    return { stored, latency: 'vnetPut' };
  },
  present(ctx, stored) {
    return presentVnet(ctx, stored);
  },
  checkDelete(ctx, stored) {
    ctx.store.list(`${stored.body.id}/`, SUBNET_TYPE).forEach((s) => checkSubnetDeletable(ctx, s));
  },
  async onDelete(ctx, stored) {
    ctx.store.list(`${stored.body.id}/`).forEach((child) => ctx.store.delete(child.body.id));
  },
};

/** A VNet body with its subnets and peerings embedded, as GET returns it. */
export function presentVnet(ctx: SimulatorContext, stored: StoredResource): ArmBody {
  return {
    ...stored.body,
    properties: {
      ...stored.body.properties,
      subnets: ctx.store.list(`${stored.body.id}/`, SUBNET_TYPE).map((s) => presentSubnet(ctx, s)),
      virtualNetworkPeerings: ctx.store.list(`${stored.body.id}/`, PEERING_TYPE).map((p) => presentPeering(ctx, p)),
    },
  };
}

function checkNoOverlap(subnets: StoredResource[]): void {
  const parsed = subnets.map((s) => ({ name: s.body.name, cidr: s.hidden.cidr as [import('ipaddr.js').IPv4, number] }));
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      if (prefixesOverlap(parsed[i]!.cidr, parsed[j]!.cidr)) {
        throw new ArmError('NetcfgInvalidSubnet', `Subnet '${parsed[j]!.name}' is not valid because its IP address range overlaps with that of an existing subnet '${parsed[i]!.name}' in virtual network.`);
      }
    }
  }
  subnets.forEach((s) => { delete s.hidden.cidr; });
}

/** The address spaces of a stored VNet, parsed. */
export function vnetSpaces(ctx: SimulatorContext, vnet: StoredResource): [import('ipaddr.js').IPv4, number][] {
  const prefixes = ((vnet.body.properties.addressSpace as { addressPrefixes?: string[] } | undefined)?.addressPrefixes) ?? [];
  return prefixes.map((p, i) => parseCidr(ctx, p, `addressSpace.addressPrefixes[${i}]`));
}

const peeringSchema = z.looseObject({
  properties: z.looseObject({
    remoteVirtualNetwork: z.looseObject({ id: z.string().min(1) }),
    allowVirtualNetworkAccess: z.boolean().optional(),
    allowForwardedTraffic: z.boolean().optional(),
    allowGatewayTransit: z.boolean().optional(),
    useRemoteGateways: z.boolean().optional(),
  }),
});

/**
 * VNet peerings. Each direction is its own resource; the state is `Initiated` until the remote
 * VNet peers back, then `Connected` on both sides, and `Disconnected` once the other side goes.
 */
export const virtualNetworkPeerings: ResourceKind = {
  type: PEERING_TYPE,
  mode: 'async',
  put(ctx, target, body) {
    const input = parseBody(peeringSchema, body);
    const localId = target.id.split('/').slice(0, -2).join('/');
    const local = ctx.store.get(localId)!;
    const remote = ctx.store.get(input.properties.remoteVirtualNetwork.id);
    if (!remote || remote.body.type !== VNET_TYPE) {
      throw new ArmError('InvalidResourceReference', `Resource ${input.properties.remoteVirtualNetwork.id} referenced by resource ${target.id} was not found.`);
    }
    for (const a of vnetSpaces(ctx, local)) {
      for (const b of vnetSpaces(ctx, remote)) {
        if (prefixesOverlap(a, b) || prefixContains(a, b)) {
          throw new ArmError('VnetAddressSpacesOverlap', `Cannot create or update peering ${target.id}. Virtual networks ${local.body.id} and ${remote.body.id} cannot be peered because their address spaces overlap.`);
        }
      }
    }
    const properties = { allowVirtualNetworkAccess: true, allowForwardedTraffic: false, allowGatewayTransit: false, useRemoteGateways: false, ...input.properties, remoteVirtualNetwork: { id: remote.body.id } };
    return { stored: { body: envelope(target, PEERING_TYPE, {}, properties), hidden: {} }, latency: 'peeringPut' };
  },
  present(ctx, stored) {
    return presentPeering(ctx, stored);
  },
};

function presentPeering(ctx: SimulatorContext, stored: StoredResource): ArmBody {
  const localId = stored.body.id.split('/').slice(0, -2).join('/').toLowerCase();
  const remoteId = (stored.body.properties.remoteVirtualNetwork as { id: string }).id;
  const remote = ctx.store.get(remoteId);
  const peersBack = remote && ctx.store.list(`${remote.body.id}/`, PEERING_TYPE)
    .some((p) => (p.body.properties.remoteVirtualNetwork as { id: string }).id.toLowerCase() === localId);
  const peeringState = !remote ? 'Disconnected' : peersBack ? 'Connected' : 'Initiated';
  const remoteAddressSpace = remote?.body.properties.addressSpace;
  return {
    ...stored.body,
    properties: { ...stored.body.properties, peeringState, peeringSyncLevel: peersBack ? 'FullyInSync' : 'RemoteNotInSync', ...(remoteAddressSpace ? { remoteAddressSpace } : {}) },
  };
}
