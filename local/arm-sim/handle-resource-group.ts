import { z } from 'zod';
import { ArmError, resourceGroupNotFound } from './arm-error.js';
import type { SimResponse } from './handle-resource-request.js';
import { parseBody } from './providers/parse-body.js';
import { resourceKinds } from './resource-kinds.js';
import type { StoredResource } from './resource-store.js';
import type { SimulatorContext } from './simulator-context.js';

const RG_TYPE = 'Microsoft.Resources/resourceGroups';
const rgSchema = z.looseObject({ location: z.string().min(1), tags: z.record(z.string(), z.string()).optional() });
const NAME = /^[-\w._()]{1,90}$/;

/** Lists the subscription's resource groups. */
export function listResourceGroups(ctx: SimulatorContext, subscriptionId: string): SimResponse {
  return { status: 200, body: { value: ctx.store.list(`/subscriptions/${subscriptionId}/`, RG_TYPE).map((r) => r.body) } };
}

/**
 * Resource groups: PUT is synchronous (201 new, 200 existing); DELETE is an LRO polled through
 * `Location` only (as ARM does), deleting VMs first and then everything else in the group.
 */
export async function handleResourceGroup(ctx: SimulatorContext, method: string, subscriptionId: string, name: string, body: unknown): Promise<SimResponse> {
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
  const existing = ctx.store.get(id);
  switch (method) {
    case 'HEAD':
      return { status: existing ? 204 : 404 };
    case 'GET':
      if (!existing) throw resourceGroupNotFound(name);
      return { status: 200, body: existing.body };
    case 'PUT':
      return putGroup(ctx, id, name, existing, body);
    case 'PATCH':
      if (!existing) throw resourceGroupNotFound(name);
      return putGroup(ctx, id, name, existing, { ...existing.body, ...(body as object) });
    case 'DELETE':
      return deleteGroup(ctx, subscriptionId, name, existing);
    default:
      throw new ArmError('MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
  }
}

async function putGroup(ctx: SimulatorContext, id: string, name: string, existing: StoredResource | undefined, body: unknown): Promise<SimResponse> {
  if (!NAME.test(name) || name.endsWith('.')) {
    throw new ArmError('InvalidParameter', `Resource group name '${name}' is invalid: use 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'.`);
  }
  const input = parseBody(rgSchema, body);
  if (existing && existing.body.location?.toLowerCase() !== input.location.toLowerCase()) {
    throw new ArmError('InvalidResourceGroupLocation', `Invalid resource group location '${input.location}'. The Resource group already exists in location '${existing.body.location}'.`);
  }
  const stored: StoredResource = {
    body: { id: existing?.body.id ?? id, name: existing?.body.name ?? name, type: RG_TYPE, location: input.location, ...(input.tags ? { tags: input.tags } : {}), properties: { provisioningState: 'Succeeded' } },
    hidden: {},
  };
  ctx.store.put(stored);
  await ctx.store.commit();
  return { status: existing ? 200 : 201, body: stored.body };
}

async function deleteGroup(ctx: SimulatorContext, subscriptionId: string, name: string, existing: StoredResource | undefined): Promise<SimResponse> {
  if (!existing) throw resourceGroupNotFound(name);
  existing.body.properties.provisioningState = 'Deleting';
  ctx.store.put(existing);
  const { headers } = ctx.lro.start({
    subscriptionId, namespace: 'Microsoft.Resources', location: existing.body.location ?? 'local',
    delayInMs: ctx.latency.delayFor('resourceGroupDelete'), target: { resourceId: existing.body.id, verb: 'DELETE' },
    work: async () => {
      const prefix = `${existing.body.id}/providers/`;
      const vms = ctx.store.list(prefix, 'Microsoft.Compute/virtualMachines');
      // VMs go first so their guests stop before the disks and NICs under them disappear.
      for (const vm of vms) await resourceKinds.get('microsoft.compute/virtualmachines')!.onDelete!(ctx, vm, new URLSearchParams());
      ctx.store.list(prefix).forEach((r) => ctx.store.delete(r.body.id));
      ctx.store.delete(existing.body.id);
      await ctx.store.commit();
      return {};
    },
  });
  await ctx.store.commit();
  return { status: 202, headers: { location: headers.location } };
}
