import { z } from 'zod';
import { ArmError, invalidParameter } from '../arm-error.js';
import type { StoredResource } from '../resource-store.js';
import type { ResourceKind, ResourceTarget, SimulatorContext } from '../simulator-context.js';
import { createAttachedDisk } from './disks.js';
import { envelope, idRef, parseBody } from './request-body.js';
import { virtualMachineActions } from './virtual-machine-actions.js';
import { instanceView, setPowerState, toGuestVm, vmDisks, vmNics } from './virtual-machine-guest.js';

export const VM_TYPE = 'Microsoft.Compute/virtualMachines';

const deleteOption = z.enum(['Delete', 'Detach']).optional();
const managedDisk = z.looseObject({ id: z.string().optional(), storageAccountType: z.string().optional() }).optional();
const vmSchema = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  zones: z.array(z.enum(['1', '2', '3'])).max(1).optional(),
  properties: z.looseObject({
    hardwareProfile: z.looseObject({ vmSize: z.string().min(1) }),
    storageProfile: z.looseObject({
      imageReference: z.looseObject({}).optional(),
      osDisk: z.looseObject({ name: z.string().optional(), createOption: z.enum(['FromImage', 'Attach', 'Empty']), diskSizeGB: z.number().int().positive().optional(), deleteOption, managedDisk }),
      dataDisks: z.array(z.looseObject({ lun: z.number().int().min(0).max(63), name: z.string().optional(), createOption: z.enum(['Empty', 'Attach', 'FromImage']), diskSizeGB: z.number().int().positive().optional(), deleteOption, managedDisk })).optional(),
    }),
    osProfile: z.looseObject({ computerName: z.string().max(64).optional(), adminUsername: z.string().optional(), customData: z.string().max(87_380).optional() }).optional(),
    networkProfile: z.looseObject({ networkInterfaces: z.array(z.looseObject({ id: z.string().min(1), properties: z.looseObject({ primary: z.boolean().optional(), deleteOption }).optional() })).min(1) }),
    availabilitySet: idRef.optional(),
  }),
});

type VmInput = z.infer<typeof vmSchema>;

/**
 * Virtual machines. A create checks the size (SkuNotAvailable), the regional cores quota
 * (OperationNotAllowed), the availability set and each NIC (NotFound), that no NIC serves
 * another VM (NicInUse), and attaches NICs and disks at once so concurrent creates cannot claim
 * the same ones; the guest boots inside the LRO. A delete honours each deleteOption.
 */
export const virtualMachines: ResourceKind = {
  type: VM_TYPE,
  mode: 'async',
  deleteLatency: 'vmDelete',
  put(ctx, target, body, existing) {
    const input = parseBody(vmSchema, body);
    checkSize(ctx, target, input, existing);
    checkAvailabilitySet(ctx, target, input);
    const nics = input.properties.networkProfile.networkInterfaces.map((ref, i) => findFreeNic(ctx, target, ref.id, `properties.networkProfile.networkInterfaces[${i}].id`));
    if (!existing) checkDataDisks(ctx, target, input);
    // Every check is done: only now claim NICs and disks, so a refused create leaves nothing behind.
    nics.forEach((nic) => claimNic(ctx, target, nic));
    const { osProfile, ...rest } = input.properties;
    const { customData, adminPassword: _secret, ...visibleOsProfile } = (osProfile ?? {}) as Record<string, unknown>;
    const properties = {
      ...rest,
      ...(osProfile ? { osProfile: { computerName: target.names[0], ...visibleOsProfile } } : {}),
      storageProfile: existing ? existing.body.properties.storageProfile : attachDisks(ctx, target, input),
      networkProfile: { networkInterfaces: input.properties.networkProfile.networkInterfaces.map((ref, i) => ({ ...ref, id: nics[i]!.body.id })) },
      vmId: existing?.body.properties.vmId ?? crypto.randomUUID(),
      timeCreated: existing?.body.properties.timeCreated ?? new Date().toISOString(),
    };
    const stored: StoredResource = {
      body: envelope(target, VM_TYPE, input, properties),
      hidden: { ...existing?.hidden, ...(customData !== undefined ? { customData } : {}), powerState: existing?.hidden.powerState ?? 'starting' },
    };
    if (existing) return { stored, latency: 'vmUpdate' };
    return {
      stored,
      latency: 'vmCreate',
      provision: async () => {
        await ctx.guest.create(toGuestVm(ctx, ctx.store.get(target.id) ?? stored));
        setPowerState(ctx, target.id, 'running');
      },
    };
  },
  present(_ctx, stored, query) {
    const expand = (query.get('$expand') ?? '').toLowerCase() === 'instanceview';
    return expand ? { ...stored.body, properties: { ...stored.body.properties, instanceView: instanceView(stored) } } : stored.body;
  },
  async onDelete(ctx, stored) {
    await ctx.guest.delete(toGuestVm(ctx, stored));
    releaseNics(ctx, stored);
    releaseDisks(ctx, stored);
  },
  actions: virtualMachineActions,
};

function checkSize(ctx: SimulatorContext, target: ResourceTarget, input: VmInput, existing: StoredResource | undefined): void {
  const size = input.properties.hardwareProfile.vmSize;
  if ((ctx.quotas.unavailableSkus ?? []).some((s) => s.toLowerCase() === size.toLowerCase())) {
    throw new ArmError('SkuNotAvailable', `The requested VM size for resource 'Following SKUs have failed for Capacity Restrictions: ${size}' is currently not available in location '${input.location}'. Please try another size or deploy to a different location or different zone.`);
  }
  const limit = ctx.quotas.regionalCores;
  if (limit === undefined || existing) return;
  const location = input.location.toLowerCase();
  const used = ctx.store.list(`/subscriptions/${target.subscriptionId}/`, VM_TYPE)
    .filter((vm) => vm.body.location?.toLowerCase() === location)
    .reduce((sum, vm) => sum + coresOf((vm.body.properties.hardwareProfile as { vmSize: string }).vmSize), 0);
  const needed = coresOf(size);
  if (used + needed > limit) {
    throw new ArmError('OperationNotAllowed', `Operation could not be completed as it results in exceeding approved Total Regional Cores quota. Additional details - Deployment Model: Resource Manager, Location: ${input.location}, Current Limit: ${limit}, Current Usage: ${used}, Additional Required: ${needed}, (Minimum) New Limit Required: ${used + needed}.`);
  }
}

/** vCPUs of a size, read from its name (Standard_D4s_v5 → 4); an approximation that suffices for quotas. */
function coresOf(size: string): number {
  const match = /^[A-Za-z]+_[A-Za-z]+(\d+)/.exec(size);
  return match ? Number(match[1]) : 1;
}

function checkAvailabilitySet(ctx: SimulatorContext, target: ResourceTarget, input: VmInput): void {
  const ref = input.properties.availabilitySet;
  if (!ref) return;
  if (input.zones?.length) throw invalidParameter('properties.availabilitySet', 'A virtual machine in an availability set cannot also specify zones.');
  const set = ctx.store.get(ref.id);
  if (!set || set.body.type !== 'Microsoft.Compute/availabilitySets') {
    throw new ArmError('NotFound', `The availability set ${ref.id} referenced by virtual machine ${target.names[0]} was not found.`);
  }
}

function findFreeNic(ctx: SimulatorContext, target: ResourceTarget, nicId: string, field: string): StoredResource {
  const nic = ctx.store.get(nicId);
  if (!nic || nic.body.type !== 'Microsoft.Network/networkInterfaces') {
    throw new ArmError('NotFound', `Resource ${nicId} (${field}) was not found.`);
  }
  const owner = nic.body.properties.virtualMachine as { id: string } | undefined;
  if (owner && owner.id.toLowerCase() !== target.id.toLowerCase()) {
    throw new ArmError('NicInUse', `Network interface ${nic.body.id} is already used by virtual machine ${owner.id}; a network interface can serve one virtual machine.`);
  }
  return nic;
}

function claimNic(ctx: SimulatorContext, target: ResourceTarget, nic: StoredResource): void {
  nic.body.properties.virtualMachine = { id: target.id };
  nic.body.properties.macAddress ??= macAddress();
  ctx.store.put(nic);
}

function checkDataDisks(ctx: SimulatorContext, target: ResourceTarget, input: VmInput): void {
  const luns = new Set<number>();
  (input.properties.storageProfile.dataDisks ?? []).forEach((d, i) => {
    const field = `properties.storageProfile.dataDisks[${i}]`;
    if (luns.has(d.lun)) throw invalidParameter(`${field}.lun`, `Two data disks use LUN ${d.lun}; LUNs must be unique.`);
    luns.add(d.lun);
    if (d.createOption === 'Attach') findFreeDisk(ctx, target, d.managedDisk?.id, `${field}.managedDisk.id`);
    else if (!d.diskSizeGB) throw invalidParameter(`${field}.diskSizeGB`, 'An empty data disk needs diskSizeGB.');
  });
  const os = input.properties.storageProfile.osDisk;
  if (os.createOption === 'Attach') findFreeDisk(ctx, target, os.managedDisk?.id, 'properties.storageProfile.osDisk.managedDisk.id');
}

function attachDisks(ctx: SimulatorContext, target: ResourceTarget, input: VmInput): unknown {
  const { osDisk, dataDisks = [] } = input.properties.storageProfile;
  const vm = target.names[0]!;
  const suffix = crypto.randomUUID().replace(/-/g, '');
  const sku = (d: { managedDisk?: { storageAccountType?: string } }): string => d.managedDisk?.storageAccountType ?? 'Premium_LRS';
  const os = osDisk.createOption === 'Attach'
    ? attachExisting(ctx, target, osDisk.managedDisk?.id, 'properties.storageProfile.osDisk.managedDisk.id')
    : createAttachedDisk(ctx, target, osDisk.name ?? `${vm}_OsDisk_1_${suffix}`, osDisk.diskSizeGB ?? 30, sku(osDisk), input.zones, input.location, 'FromImage');
  const data = dataDisks.map((d, i) => {
    const disk = d.createOption === 'Attach'
      ? attachExisting(ctx, target, d.managedDisk?.id, `properties.storageProfile.dataDisks[${i}].managedDisk.id`)
      : createAttachedDisk(ctx, target, d.name ?? `${vm}_disk${d.lun}_${suffix}`, d.diskSizeGB ?? 1, sku(d), input.zones, input.location, 'Empty');
    return { ...d, name: disk.body.name, diskSizeGB: disk.body.properties.diskSizeGB, managedDisk: { ...d.managedDisk, id: disk.body.id }, deleteOption: d.deleteOption ?? 'Detach' };
  });
  return { ...input.properties.storageProfile, osDisk: { ...osDisk, name: os.body.name, diskSizeGB: os.body.properties.diskSizeGB, managedDisk: { ...osDisk.managedDisk, id: os.body.id }, deleteOption: osDisk.deleteOption ?? 'Detach' }, dataDisks: data };
}

function findFreeDisk(ctx: SimulatorContext, target: ResourceTarget, diskId: string | undefined, field: string): StoredResource {
  const disk = diskId ? ctx.store.get(diskId) : undefined;
  if (!disk || disk.body.type !== 'Microsoft.Compute/disks') throw new ArmError('NotFound', `The managed disk ${diskId ?? '(none)'} (${field}) was not found.`);
  if (disk.body.managedBy && String(disk.body.managedBy).toLowerCase() !== target.id.toLowerCase()) {
    throw new ArmError('OperationNotAllowed', `Disk ${disk.body.name} is already attached to VM ${String(disk.body.managedBy)}.`);
  }
  return disk;
}

function attachExisting(ctx: SimulatorContext, target: ResourceTarget, diskId: string | undefined, field: string): StoredResource {
  const disk = findFreeDisk(ctx, target, diskId, field);
  disk.body.managedBy = target.id;
  disk.body.properties.diskState = 'Attached';
  ctx.store.put(disk);
  return disk;
}

function releaseNics(ctx: SimulatorContext, vm: StoredResource): void {
  for (const ref of vmNics(vm)) {
    const nic = ctx.store.get(ref.id);
    if (!nic) continue;
    if (ref.properties?.deleteOption === 'Delete') {
      ctx.store.delete(nic.body.id);
    } else {
      delete nic.body.properties.virtualMachine;
      ctx.store.put(nic);
    }
  }
}

function releaseDisks(ctx: SimulatorContext, vm: StoredResource): void {
  const { osDisk, dataDisks } = vmDisks(vm);
  for (const ref of [osDisk, ...dataDisks]) {
    const disk = ref.managedDisk?.id ? ctx.store.get(ref.managedDisk.id) : undefined;
    if (!disk) continue;
    if (ref.deleteOption === 'Delete') {
      ctx.store.delete(disk.body.id);
    } else {
      delete disk.body.managedBy;
      disk.body.properties.diskState = 'Unattached';
      ctx.store.put(disk);
    }
  }
}

function macAddress(): string {
  return ['00', '0D', '3A', ...Array.from({ length: 3 }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, '0').toUpperCase())].join('-');
}
