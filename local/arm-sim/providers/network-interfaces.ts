import { z } from 'zod';
import { ArmError } from '../arm-error.js';
import type { StoredResource } from '../resource-store.js';
import type { ResourceKind } from '../simulator-context.js';
import { envelope, idRef, parseBody, requireReference } from './request-body.js';
import { assignAddress } from './subnet-addresses.js';

export const NIC_TYPE = 'Microsoft.Network/networkInterfaces';

const ipConfiguration = z.looseObject({
  name: z.string().min(1),
  properties: z.looseObject({
    subnet: idRef,
    privateIPAllocationMethod: z.enum(['Static', 'Dynamic']).optional(),
    privateIPAddress: z.string().optional(),
    primary: z.boolean().optional(),
    publicIPAddress: idRef.optional(),
    loadBalancerBackendAddressPools: z.array(idRef).optional(),
  }),
});
const nicSchema = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  properties: z.looseObject({
    ipConfigurations: z.array(ipConfiguration).min(1),
    networkSecurityGroup: idRef.optional(),
    enableAcceleratedNetworking: z.boolean().optional(),
  }),
});

/**
 * Network interfaces. Each IP configuration needs its subnet (InvalidResourceReference); a
 * static address must lie in it (PrivateIPAddressNotInSubnet) and be free
 * (PrivateIPAddressInUse); a dynamic one gets the lowest free address and keeps it on update.
 * A NIC attached to a VM cannot be deleted (NicInUse).
 */
export const networkInterfaces: ResourceKind = {
  type: NIC_TYPE,
  mode: 'async',
  put(ctx, target, body, existing) {
    const input = parseBody(nicSchema, body);
    if (input.properties.networkSecurityGroup) requireReference(ctx, input.properties.networkSecurityGroup.id, target.id, 'Microsoft.Network/networkSecurityGroups');
    const previous = new Map(((existing?.body.properties.ipConfigurations ?? []) as { name: string; properties: { privateIPAddress?: string; subnet: { id: string } } }[])
      .map((c) => [c.name, c.properties]));
    const configs = input.properties.ipConfigurations.map((c, i) => {
      const configId = `${target.id}/ipConfigurations/${c.name}`;
      const subnet = requireReference(ctx, c.properties.subnet.id, configId, 'Microsoft.Network/virtualNetworks/subnets');
      if (c.properties.publicIPAddress) requireReference(ctx, c.properties.publicIPAddress.id, configId, 'Microsoft.Network/publicIPAddresses');
      const method = c.properties.privateIPAllocationMethod ?? (c.properties.privateIPAddress ? 'Static' : 'Dynamic');
      const prior = previous.get(c.name);
      const keep = method === 'Dynamic' && prior?.subnet.id.toLowerCase() === subnet.body.id.toLowerCase() ? prior.privateIPAddress : undefined;
      const address = assignAddress(ctx, subnet, target.id, method === 'Static' ? c.properties.privateIPAddress : keep, configId);
      return {
        id: configId, name: c.name, type: `${NIC_TYPE}/ipConfigurations`,
        properties: { ...c.properties, subnet: { id: subnet.body.id }, privateIPAllocationMethod: method, privateIPAddress: address, privateIPAddressVersion: 'IPv4', primary: c.properties.primary ?? i === 0, provisioningState: 'Succeeded' },
      };
    });
    const properties: Record<string, unknown> = {
      ...input.properties,
      ipConfigurations: configs,
      resourceGuid: existing?.body.properties.resourceGuid ?? crypto.randomUUID(),
      ...(existing?.body.properties.virtualMachine ? { virtualMachine: existing.body.properties.virtualMachine, macAddress: existing.body.properties.macAddress } : {}),
    };
    const stored: StoredResource = { body: envelope(target, NIC_TYPE, input, properties), hidden: {} };
    return { stored, latency: 'nicPut' };
  },
  checkDelete(_ctx, stored) {
    const vm = stored.body.properties.virtualMachine as { id: string } | undefined;
    if (vm) {
      throw new ArmError('NicInUse', `Network Interface ${stored.body.id} is used by existing resource ${vm.id}. In order to delete the network interface, it must be dissociated from the resource.`);
    }
  },
};
