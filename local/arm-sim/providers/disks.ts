import { z } from 'zod';
import { ArmError } from '../arm-error.js';
import type { ResourceKind, ResourceTarget, SimulatorContext } from '../simulator-context.js';
import type { StoredResource } from '../resource-store.js';
import { envelope, parseBody } from './request-body.js';

export const DISK_TYPE = 'Microsoft.Compute/disks';
export const SNAPSHOT_TYPE = 'Microsoft.Compute/snapshots';

const diskSchema = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  zones: z.array(z.string()).optional(),
  sku: z.looseObject({ name: z.string() }).optional(),
  properties: z.looseObject({
    creationData: z.looseObject({ createOption: z.enum(['Empty', 'Copy', 'FromImage', 'Import', 'Restore']), sourceResourceId: z.string().optional() }),
    diskSizeGB: z.number().int().min(1).max(65_536).optional(),
  }),
});

/**
 * Managed disks. An `Empty` disk needs `diskSizeGB`; a `Copy` needs an existing source disk or
 * snapshot. A disk attached to a VM (`managedBy`) cannot be deleted (OperationNotAllowed).
 */
export const disks: ResourceKind = {
  type: DISK_TYPE,
  mode: 'async',
  deleteLatency: 'diskDelete',
  put(ctx, target, body, existing) {
    const input = parseBody(diskSchema, body);
    const size = input.properties.diskSizeGB ?? sourceSize(ctx, input.properties.creationData.sourceResourceId, 'properties.creationData.sourceResourceId');
    if (input.properties.creationData.createOption === 'Empty' && !input.properties.diskSizeGB) {
      throw new ArmError('InvalidParameter', `Required parameter 'diskSizeGB' is missing (null) for an Empty disk. Target: 'properties.diskSizeGB'.`);
    }
    if (existing && size < (existing.body.properties.diskSizeGB as number)) {
      throw new ArmError('OperationNotAllowed', `New disk size ${size} GB is smaller than the current size ${existing.body.properties.diskSizeGB as number} GB; disks can only grow.`);
    }
    const properties = {
      ...input.properties, diskSizeGB: size,
      diskState: existing?.body.properties.diskState ?? 'Unattached',
      timeCreated: existing?.body.properties.timeCreated ?? new Date().toISOString(),
      uniqueId: existing?.body.properties.uniqueId ?? crypto.randomUUID(),
    };
    const stored: StoredResource = { body: envelope(target, DISK_TYPE, { ...input, sku: input.sku ?? { name: 'Premium_LRS' } }, properties), hidden: {} };
    if (existing?.body.managedBy) stored.body.managedBy = existing.body.managedBy;
    return { stored, latency: 'diskPut' };
  },
  checkDelete(_ctx, stored) {
    if (stored.body.managedBy) {
      throw new ArmError('OperationNotAllowed', `Disk ${stored.body.name} is attached to VM ${String(stored.body.managedBy)}.`);
    }
  },
};

/** Disk snapshots: a copy of an existing disk (`creationData.sourceResourceId`). */
export const snapshots: ResourceKind = {
  type: SNAPSHOT_TYPE,
  mode: 'async',
  deleteLatency: 'diskDelete',
  put(ctx, target, body) {
    const input = parseBody(diskSchema, body);
    const sourceId = input.properties.creationData.sourceResourceId;
    if (input.properties.creationData.createOption !== 'Copy' || !sourceId) {
      throw new ArmError('InvalidParameter', `A snapshot needs creationData.createOption 'Copy' and a sourceResourceId. Target: 'properties.creationData'.`);
    }
    const size = sourceSize(ctx, sourceId, 'properties.creationData.sourceResourceId');
    const properties = { ...input.properties, diskSizeGB: size, timeCreated: new Date().toISOString(), uniqueId: crypto.randomUUID(), incremental: input.properties.incremental ?? false };
    return { stored: { body: envelope(target, SNAPSHOT_TYPE, { ...input, sku: input.sku ?? { name: 'Standard_LRS' } }, properties), hidden: {} }, latency: 'snapshotPut' };
  },
};

/** Creates a managed disk for a VM (OS disk from an image, or an empty data disk), attached to it. */
export function createAttachedDisk(ctx: SimulatorContext, vm: ResourceTarget, name: string, sizeGB: number, sku: string, zones: string[] | undefined, location: string, createOption: 'FromImage' | 'Empty'): StoredResource {
  const target: ResourceTarget = { ...vm, namespace: 'Microsoft.Compute', types: ['disks'], names: [name], id: `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Compute/disks/${name}` };
  const properties = { creationData: { createOption }, diskSizeGB: sizeGB, diskState: 'Attached', timeCreated: new Date().toISOString(), uniqueId: crypto.randomUUID(), provisioningState: 'Succeeded' };
  const stored: StoredResource = { body: { ...envelope(target, DISK_TYPE, { location, zones, sku: { name: sku } }, properties), managedBy: vm.id }, hidden: {} };
  ctx.store.put(stored);
  return stored;
}

function sourceSize(ctx: SimulatorContext, sourceId: string | undefined, field: string): number {
  if (!sourceId) return 0;
  const source = ctx.store.get(sourceId);
  if (!source || (source.body.type !== DISK_TYPE && source.body.type !== SNAPSHOT_TYPE)) {
    throw new ArmError('NotFound', `The source resource ${sourceId} (${field}) was not found.`);
  }
  return source.body.properties.diskSizeGB as number;
}
