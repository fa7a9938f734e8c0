import { z } from 'zod';
import { ArmError } from '../arm-error.js';
import type { ResourceKind } from '../simulator-context.js';
import { envelope, parseBody } from './request-body.js';

export const AVAILABILITY_SET_TYPE = 'Microsoft.Compute/availabilitySets';

const setSchema = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  sku: z.looseObject({ name: z.enum(['Aligned', 'Classic']) }).optional(),
  properties: z.looseObject({
    platformFaultDomainCount: z.number().int().min(1).max(3).optional(),
    platformUpdateDomainCount: z.number().int().min(1).max(20).optional(),
  }).optional(),
});

/**
 * Availability sets: synchronous (PUT answers 200 only, as the SDK requires), with fault domain
 * counts 1-3 and update domain counts 1-20; `virtualMachines` lists the members. A set that
 * still holds VMs cannot be deleted (OperationNotAllowed).
 */
export const availabilitySets: ResourceKind = {
  type: AVAILABILITY_SET_TYPE,
  mode: 'sync',
  syncCreateStatus: 200,
  put(_ctx, target, body, existing) {
    const input = parseBody(setSchema, body);
    const properties = { platformFaultDomainCount: 2, platformUpdateDomainCount: 5, ...input.properties };
    if (existing && existing.body.properties.platformFaultDomainCount !== properties.platformFaultDomainCount && members(_ctx, existing.body.id).length > 0) {
      throw new ArmError('OperationNotAllowed', `The fault domain count of availability set ${target.names[0]} cannot be changed while it holds virtual machines.`);
    }
    return { stored: { body: envelope(target, AVAILABILITY_SET_TYPE, { ...input, sku: input.sku ?? { name: 'Aligned' } }, properties), hidden: {} }, latency: 'vmUpdate' };
  },
  present(ctx, stored) {
    return { ...stored.body, properties: { ...stored.body.properties, virtualMachines: members(ctx, stored.body.id).map((id) => ({ id })) } };
  },
  checkDelete(ctx, stored) {
    if (members(ctx, stored.body.id).length > 0) {
      throw new ArmError('OperationNotAllowed', `Availability Set '${stored.body.name}' cannot be deleted. Before deleting an Availability Set please ensure that it does not contain any VM.`);
    }
  },
};

function members(ctx: Parameters<NonNullable<ResourceKind['present']>>[0], setId: string): string[] {
  const sub = setId.split('/').slice(0, 3).join('/') + '/';
  return ctx.store.list(sub, 'Microsoft.Compute/virtualMachines')
    .filter((vm) => (vm.body.properties.availabilitySet as { id?: string } | undefined)?.id?.toLowerCase() === setId.toLowerCase())
    .map((vm) => vm.body.id);
}
