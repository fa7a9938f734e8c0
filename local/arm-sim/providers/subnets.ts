import { z } from 'zod';
import type ipaddr from 'ipaddr.js';
import { ArmError } from '../arm-error.js';
import type { ArmBody, StoredResource } from '../resource-store.js';
import type { ResourceKind, ResourceTarget, SimulatorContext } from '../simulator-context.js';
import { envelope, idRef, parseBody, parseCidr, prefixContains, prefixesOverlap, requireReference } from './request-body.js';
import { subnetMembers } from './subnet-addresses.js';

export const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';

const subnetProperties = z.looseObject({
  addressPrefix: z.string().optional(),
  addressPrefixes: z.array(z.string()).optional(),
  networkSecurityGroup: idRef.optional(),
}).refine((p) => p.addressPrefix || p.addressPrefixes?.length, { message: 'addressPrefix or addressPrefixes is required' });

/** A subnet as a VNet PUT carries it inline. */
export const inlineSubnetSchema = z.looseObject({ name: z.string().min(1), properties: subnetProperties });

const subnetSchema = z.looseObject({ properties: subnetProperties });

/**
 * Builds a stored subnet after checking its prefix lies in the VNet (NetcfgInvalidSubnet) and its
 * NSG exists. `hidden.cidr` carries the parsed prefix for the caller's overlap check.
 */
export function buildSubnet(ctx: SimulatorContext, target: ResourceTarget, input: z.infer<typeof subnetSchema>, spaces: [ipaddr.IPv4, number][], field: string): StoredResource {
  const prefix = input.properties.addressPrefix ?? input.properties.addressPrefixes![0]!;
  const cidr = parseCidr(ctx, prefix, `${field}.properties.addressPrefix`);
  if (!spaces.some((space) => prefixContains(space, cidr))) {
    throw new ArmError('NetcfgInvalidSubnet', `Subnet '${target.names.at(-1)}' is not valid in virtual network '${target.names[0]}': its address prefix ${prefix} is outside the virtual network's address space.`);
  }
  if (input.properties.networkSecurityGroup) requireReference(ctx, input.properties.networkSecurityGroup.id, target.id, 'Microsoft.Network/networkSecurityGroups');
  return { body: envelope(target, SUBNET_TYPE, {}, { ...input.properties, addressPrefix: prefix }), hidden: { cidr } };
}

/** Throws InUseSubnetCannotBeDeleted when a NIC or load balancer sits in the subnet. */
export function checkSubnetDeletable(ctx: SimulatorContext, subnet: StoredResource): void {
  const users = subnetMembers(ctx, subnet.body.id);
  if (users.length > 0) {
    throw new ArmError('InUseSubnetCannotBeDeleted', `Subnet ${subnet.body.name} is in use by ${users[0]!.configId} and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet.`);
  }
}

/** A subnet body with `ipConfigurations` back-references, as GET returns it. */
export function presentSubnet(ctx: SimulatorContext, stored: StoredResource): ArmBody {
  const ipConfigurations = subnetMembers(ctx, stored.body.id).map((m) => ({ id: m.configId }));
  return { ...stored.body, properties: { ...stored.body.properties, ...(ipConfigurations.length ? { ipConfigurations } : {}) } };
}

/** Subnets as child resources of a VNet. */
export const subnets: ResourceKind = {
  type: SUBNET_TYPE,
  mode: 'async',
  put(ctx, target, body, existing) {
    const input = parseBody(subnetSchema, body);
    const vnet = ctx.store.get(target.id.split('/').slice(0, -2).join('/'))!;
    const prefixes = ((vnet.body.properties.addressSpace as { addressPrefixes: string[] }).addressPrefixes);
    const spaces = prefixes.map((p, i) => parseCidr(ctx, p, `virtualNetwork.addressSpace.addressPrefixes[${i}]`));
    const stored = buildSubnet(ctx, target, input, spaces, 'subnet');
    const cidr = stored.hidden.cidr as [ipaddr.IPv4, number];
    delete stored.hidden.cidr;
    for (const sibling of ctx.store.list(`${vnet.body.id}/`, SUBNET_TYPE)) {
      if (sibling.body.id.toLowerCase() === target.id.toLowerCase()) continue;
      if (prefixesOverlap(cidr, parseCidr(ctx, sibling.body.properties.addressPrefix as string, 'addressPrefix'))) {
        throw new ArmError('NetcfgInvalidSubnet', `Subnet '${target.names.at(-1)}' is not valid because its IP address range overlaps with that of an existing subnet '${sibling.body.name}' in virtual network.`);
      }
    }
    if (existing && existing.body.properties.addressPrefix !== stored.body.properties.addressPrefix && subnetMembers(ctx, existing.body.id).length > 0) {
      throw new ArmError('InUseSubnetCannotBeUpdated', `Subnet ${target.names.at(-1)} is in use and its address prefix cannot be changed.`);
    }
    return { stored, latency: 'subnetPut' };
  },
  present: presentSubnet,
  checkDelete: checkSubnetDeletable,
};
