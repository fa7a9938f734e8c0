import { z } from 'zod';
import { ArmError } from '../arm-error.js';
import type { ResourceKind } from '../simulator-context.js';
import { envelope, parseBody } from './parse-body.js';
import { publicIpHolder } from './virtual-network-gateways.js';

/** The ARM type `Microsoft.Network/publicIPAddresses`. */
const PUBLIC_IP_TYPE = 'Microsoft.Network/publicIPAddresses';

const pipSchema = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  zones: z.array(z.string()).optional(),
  sku: z.looseObject({ name: z.enum(['Basic', 'Standard']), tier: z.string().optional() }).optional(),
  properties: z.looseObject({
    publicIPAllocationMethod: z.enum(['Static', 'Dynamic']).optional(),
    publicIPAddressVersion: z.enum(['IPv4', 'IPv6']).optional(),
    idleTimeoutInMinutes: z.number().int().min(4).max(30).optional(),
  }).optional(),
});

/**
 * Public IP addresses. The address handed out is a loopback one (127.255.x.y): it stands in for
 * a public address without ever pointing traffic off this machine.
 */
export const publicIpAddresses: ResourceKind = {
  type: PUBLIC_IP_TYPE,
  mode: 'async',
  put(ctx, target, body, existing) {
    const input = parseBody(pipSchema, body);
    const sku = input.sku ?? { name: 'Standard', tier: 'Regional' };
    const method = input.properties?.publicIPAllocationMethod ?? (sku.name === 'Standard' ? 'Static' : 'Dynamic');
    if (sku.name === 'Standard' && method !== 'Static') {
      throw new ArmError('InvalidParameter', `Standard sku publicIp ${target.id} must have AllocationMethod set to Static.`);
    }
    const ipAddress = (existing?.body.properties.ipAddress as string | undefined) ?? nextAddress(ctx.store.list(target.id.split('/').slice(0, 3).join('/') + '/', PUBLIC_IP_TYPE).length);
    const properties = { publicIPAddressVersion: 'IPv4', idleTimeoutInMinutes: 4, ...input.properties, publicIPAllocationMethod: method, ipAddress };
    return { stored: { body: envelope(target, PUBLIC_IP_TYPE, { ...input, sku }, properties), hidden: {} }, latency: 'publicIpPut' };
  },
  checkDelete(ctx, stored) {
    const user = publicIpHolder(ctx, stored.body.id);
    if (user) {
      throw new ArmError('PublicIPAddressCannotBeDeleted', `Public IP address ${stored.body.id} can not be deleted since it is still allocated to resource ${user}.`);
    }
  },
};

function nextAddress(count: number): string {
  const n = count + 1;
  return `127.255.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}
