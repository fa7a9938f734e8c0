import { z } from 'zod';
import { invalidParameter } from '../arm-error.js';
import type { ResourceKind, ResourceTarget, SimulatorContext } from '../simulator-context.js';
import { envelope, idRef, parseBody, requireReference } from './parse-body.js';
import { assignSubnetAddress } from './assign-subnet-address.js';

/** The ARM type `Microsoft.Network/loadBalancers`. */
const LB_TYPE = 'Microsoft.Network/loadBalancers';

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
      const address = assignSubnetAddress(ctx, subnet, target.id, method === 'Static' ? f.properties.privateIPAddress : undefined, id);
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
  present(ctx, stored) {
    const pools = (stored.body.properties.backendAddressPools ?? []) as { id: string; properties?: Record<string, unknown> }[];
    const members = poolMembers(ctx, stored.body.id);
    const backendAddressPools = pools.map((pool) => {
      const backendIPConfigurations = members.get(pool.id.toLowerCase());
      return backendIPConfigurations ? { ...pool, properties: { ...pool.properties, backendIPConfigurations } } : pool;
    });
    return { ...stored.body, properties: { ...stored.body.properties, backendAddressPools } };
  },
};

/** NIC IP configurations in each backend pool of a load balancer, by lower-cased pool id. */
function poolMembers(ctx: SimulatorContext, lbId: string): Map<string, { id: string }[]> {
  const members = new Map<string, { id: string }[]>();
  const prefix = `${lbId.toLowerCase()}/backendaddresspools/`;
  const sub = lbId.split('/').slice(0, 3).join('/') + '/';
  for (const nic of ctx.store.list(sub, 'Microsoft.Network/networkInterfaces')) {
    for (const config of (nic.body.properties.ipConfigurations ?? []) as { id: string; properties: { loadBalancerBackendAddressPools?: { id: string }[] } }[]) {
      for (const pool of config.properties.loadBalancerBackendAddressPools ?? []) {
        const key = pool.id.toLowerCase();
        if (key.startsWith(prefix)) members.set(key, [...(members.get(key) ?? []), { id: config.id }]);
      }
    }
  }
  return members;
}

function withIds(target: ResourceTarget, collection: string, items: { name: string; properties?: Record<string, unknown> }[] | undefined): unknown[] {
  return (items ?? []).map((item) => ({ ...item, id: `${target.id}/${collection}/${item.name}`, properties: { ...item.properties, provisioningState: 'Succeeded' } }));
}
