import { z } from 'zod';
import { invalidParameter } from '../arm-error.js';
import type { ResourceKind, ResourceTarget } from '../simulator-context.js';
import { envelope, idRef, parseBody, requireReference } from './request-body.js';
import { assignAddress } from './subnet-addresses.js';

export const LB_TYPE = 'Microsoft.Network/loadBalancers';

const named = z.looseObject({ name: z.string().min(1), properties: z.looseObject({}).optional() });
const frontend = z.looseObject({
  name: z.string().min(1),
  properties: z.looseObject({
    subnet: idRef.optional(),
    publicIPAddress: idRef.optional(),
    privateIPAllocationMethod: z.enum(['Static', 'Dynamic']).optional(),
    privateIPAddress: z.string().optional(),
  }),
  zones: z.array(z.string()).optional(),
});
const lbSchema = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  sku: z.looseObject({ name: z.enum(['Basic', 'Standard', 'Gateway']), tier: z.string().optional() }).optional(),
  properties: z.looseObject({
    frontendIPConfigurations: z.array(frontend).min(1),
    backendAddressPools: z.array(named).optional(),
    loadBalancingRules: z.array(named).optional(),
    probes: z.array(named).optional(),
  }),
});

/**
 * Load balancers. An internal frontend takes a private address in its subnet exactly as a NIC
 * does (static checked, dynamic allocated); sub-resources get ids under the balancer.
 */
export const loadBalancers: ResourceKind = {
  type: LB_TYPE,
  mode: 'async',
  put(ctx, target, body) {
    const input = parseBody(lbSchema, body);
    const frontendIPConfigurations = input.properties.frontendIPConfigurations.map((f, i) => {
      const id = `${target.id}/frontendIPConfigurations/${f.name}`;
      if (!f.properties.subnet && !f.properties.publicIPAddress) {
        throw invalidParameter(`properties.frontendIPConfigurations[${i}]`, 'A frontend IP configuration needs a subnet (internal) or a public IP address.');
      }
      if (f.properties.publicIPAddress) {
        requireReference(ctx, f.properties.publicIPAddress.id, id, 'Microsoft.Network/publicIPAddresses');
        return { ...f, id, properties: { ...f.properties, provisioningState: 'Succeeded' } };
      }
      const subnet = requireReference(ctx, f.properties.subnet!.id, id, 'Microsoft.Network/virtualNetworks/subnets');
      const method = f.properties.privateIPAllocationMethod ?? (f.properties.privateIPAddress ? 'Static' : 'Dynamic');
      const address = assignAddress(ctx, subnet, target.id, method === 'Static' ? f.properties.privateIPAddress : undefined, id);
      return { ...f, id, properties: { ...f.properties, subnet: { id: subnet.body.id }, privateIPAllocationMethod: method, privateIPAddress: address, provisioningState: 'Succeeded' } };
    });
    const properties = {
      ...input.properties,
      frontendIPConfigurations,
      backendAddressPools: withIds(target, 'backendAddressPools', input.properties.backendAddressPools),
      loadBalancingRules: withIds(target, 'loadBalancingRules', input.properties.loadBalancingRules),
      probes: withIds(target, 'probes', input.properties.probes),
      resourceGuid: crypto.randomUUID(),
    };
    return { stored: { body: envelope(target, LB_TYPE, { ...input, sku: input.sku ?? { name: 'Standard', tier: 'Regional' } }, properties), hidden: {} }, latency: 'lbPut' };
  },
};

function withIds(target: ResourceTarget, collection: string, items: { name: string; properties?: Record<string, unknown> }[] | undefined): unknown[] {
  return (items ?? []).map((item) => ({ ...item, id: `${target.id}/${collection}/${item.name}`, properties: { ...item.properties, provisioningState: 'Succeeded' } }));
}
