import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { armId, FAST, LOCATION, rejectsWithCode, startTestSimulator, vmBody, type TestSimulator } from './start-test-simulator.js';

let t: TestSimulator;
const RG = 'rg-compute';
let subnetId = '';
before(async () => {
  t = await startTestSimulator({ quotas: { regionalCores: 36, unavailableSkus: ['Standard_M416ms_v2'], vmsPerZone: 1 } });
  await t.clients.resources.resourceGroups.createOrUpdate(RG, { location: LOCATION });
  const vnet = await t.clients.network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet', {
    location: LOCATION, addressSpace: { addressPrefixes: ['10.60.0.0/16'] }, subnets: [{ name: 'nodes', addressPrefix: '10.60.1.0/24' }],
  }, FAST);
  subnetId = vnet.subnets![0]!.id!;
});
after(async () => { await t.dispose(); });

async function nic(name: string): Promise<string> {
  const created = await t.clients.network.networkInterfaces.beginCreateOrUpdateAndWait(RG, name, {
    location: LOCATION, ipConfigurations: [{ name: 'ipconfig1', subnet: { id: subnetId } }],
  }, FAST);
  return created.id!;
}

async function names<T extends { name?: string }>(items: AsyncIterable<T>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of items) out.push(item.name ?? '');
  return out.sort();
}

test('availability sets: synchronous 200, domain counts, members, and no delete while VMs remain', async () => {
  const { compute } = t.clients;
  const set = await compute.availabilitySets.createOrUpdate(RG, 'as-1', { location: LOCATION, sku: { name: 'Aligned' }, platformFaultDomainCount: 3, platformUpdateDomainCount: 5 });
  assert.equal(set.platformFaultDomainCount, 3);
  assert.equal(set.platformUpdateDomainCount, 5);
  await rejectsWithCode(compute.availabilitySets.createOrUpdate(RG, 'as-bad', { location: LOCATION, platformFaultDomainCount: 4 }), 'InvalidRequestContent', 400);
  await compute.virtualMachines.createOrUpdate(RG, 'vm-as', vmBody([await nic('nic-as')], { availabilitySet: { id: set.id } }), FAST);
  assert.deepEqual((await compute.availabilitySets.get(RG, 'as-1')).virtualMachines?.map((v) => v.id?.toLowerCase()), [armId(RG, 'Microsoft.Compute/virtualMachines', 'vm-as').toLowerCase()]);
  await rejectsWithCode(compute.availabilitySets.delete(RG, 'as-1'), 'OperationNotAllowed', 409);
  await rejectsWithCode(compute.virtualMachines.createOrUpdate(RG, 'vm-as-zone', vmBody([await nic('nic-asz')], { availabilitySet: { id: set.id }, zones: ['1'] }), FAST), 'InvalidParameter', 400);
  await rejectsWithCode(compute.virtualMachines.createOrUpdate(RG, 'vm-as-missing', vmBody([await nic('nic-asm')], { availabilitySet: { id: armId(RG, 'Microsoft.Compute/availabilitySets', 'nope') } }), FAST), 'NotFound', 404);
  await compute.virtualMachines.delete(RG, 'vm-as', FAST);
  await compute.availabilitySets.delete(RG, 'as-1');
  assert.deepEqual(await names(compute.availabilitySets.list(RG)), []);
});

test('a zonal VM with data disks: disks are created and attached, customData never comes back, instance view and list', async () => {
  const { compute } = t.clients;
  const customData = Buffer.from('#cloud-config\nruncmd: [echo hi]\n').toString('base64');
  const vm = await compute.virtualMachines.createOrUpdate(RG, 'vm-z', vmBody([await nic('nic-z')], {
    zones: ['2'],
    osProfile: { computerName: 'vm-z', adminUsername: 'cassandra', customData },
    storageProfile: {
      imageReference: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
      osDisk: { createOption: 'FromImage', deleteOption: 'Delete', managedDisk: { storageAccountType: 'Premium_LRS' } },
      dataDisks: [{ lun: 0, createOption: 'Empty', diskSizeGB: 256, deleteOption: 'Delete' }, { lun: 1, createOption: 'Empty', diskSizeGB: 128, deleteOption: 'Detach' }],
    },
  }), FAST);
  assert.deepEqual(vm.zones, ['2']);
  assert.equal(vm.osProfile?.customData, undefined);
  assert.equal(vm.storageProfile?.dataDisks?.length, 2);
  const disk0 = await compute.disks.get(RG, vm.storageProfile!.dataDisks![0]!.name!);
  assert.equal(disk0.diskSizeGB, 256);
  assert.equal(disk0.diskState, 'Attached');
  assert.equal(disk0.managedBy?.toLowerCase(), vm.id?.toLowerCase());
  const expanded = await compute.virtualMachines.get(RG, 'vm-z', { expand: 'instanceView' });
  assert.equal(expanded.instanceView?.statuses?.[1]?.code, 'PowerState/running');
  assert.ok((await names(compute.virtualMachines.list(RG))).includes('vm-z'));
  await rejectsWithCode(compute.virtualMachines.createOrUpdate(RG, 'vm-lun', vmBody([await nic('nic-lun')], {
    storageProfile: { osDisk: { createOption: 'FromImage' }, dataDisks: [{ lun: 3, createOption: 'Empty', diskSizeGB: 1 }, { lun: 3, createOption: 'Empty', diskSizeGB: 1 }] },
  }), FAST), 'InvalidParameter', 400);
  await compute.virtualMachines.delete(RG, 'vm-z', FAST);
  await rejectsWithCode(compute.virtualMachines.get(RG, 'vm-z'), 'ResourceNotFound', 404);
  await rejectsWithCode(compute.disks.get(RG, vm.storageProfile!.dataDisks![0]!.name!), 'ResourceNotFound', 404);
  await rejectsWithCode(compute.disks.get(RG, vm.storageProfile!.osDisk!.name!), 'ResourceNotFound', 404);
  const kept = await compute.disks.get(RG, vm.storageProfile!.dataDisks![1]!.name!);
  assert.equal(kept.diskState, 'Unattached', 'a Detach disk outlives its VM');
  await rejectsWithCode(t.clients.network.networkInterfaces.get(RG, 'nic-z'), 'ResourceNotFound', 404);
});

test('power operations move the instance view through running, stopped and deallocated', async () => {
  const { compute } = t.clients;
  await compute.virtualMachines.createOrUpdate(RG, 'vm-p', vmBody([await nic('nic-p')]), FAST);
  const power = async () => (await compute.virtualMachines.instanceView(RG, 'vm-p')).statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code;
  await compute.virtualMachines.powerOff(RG, 'vm-p', { ...FAST, skipShutdown: true });
  assert.equal(await power(), 'PowerState/stopped');
  await rejectsWithCode(compute.virtualMachines.restart(RG, 'vm-p', FAST), 'OperationNotAllowed', 409);
  await compute.virtualMachines.start(RG, 'vm-p', FAST);
  assert.equal(await power(), 'PowerState/running');
  await compute.virtualMachines.restart(RG, 'vm-p', FAST);
  assert.equal(await power(), 'PowerState/running');
  await compute.virtualMachines.deallocate(RG, 'vm-p', FAST);
  assert.equal(await power(), 'PowerState/deallocated');
  await rejectsWithCode(compute.virtualMachines.runCommand(RG, 'vm-p', { commandId: 'RunShellScript', script: ['true'] }, FAST), 'OperationNotAllowed', 409);
  await compute.virtualMachines.start(RG, 'vm-p', FAST);
  assert.equal(await power(), 'PowerState/running');
  await rejectsWithCode(compute.virtualMachines.start(RG, 'vm-nope', FAST), 'ResourceNotFound', 404);
});

test('references, NIC sharing, SKU availability and the cores quota surface as Azure codes', async () => {
  const { compute } = t.clients;
  const shared = await nic('nic-shared');
  await compute.virtualMachines.createOrUpdate(RG, 'vm-a', vmBody([shared]), FAST);
  await rejectsWithCode(compute.virtualMachines.createOrUpdate(RG, 'vm-b', vmBody([shared]), FAST), 'NicInUse', 400);
  await rejectsWithCode(compute.virtualMachines.createOrUpdate(RG, 'vm-c', vmBody([armId(RG, 'Microsoft.Network/networkInterfaces', 'ghost')]), FAST), 'NotFound', 404);
  await rejectsWithCode(compute.virtualMachines.createOrUpdate(RG, 'vm-m', vmBody([await nic('nic-m')], { hardwareProfile: { vmSize: 'Standard_M416ms_v2' } }), FAST), 'SkuNotAvailable', 409);
  await rejectsWithCode(compute.virtualMachines.createOrUpdate(RG, 'vm-big', vmBody([await nic('nic-big')], { hardwareProfile: { vmSize: 'Standard_E32s_v5' } }), FAST), 'OperationNotAllowed', 409);
  assert.equal((await t.clients.network.networkInterfaces.get(RG, 'nic-big')).virtualMachine, undefined, 'a refused create claims nothing');
  await rejectsWithCode(compute.virtualMachines.createOrUpdate('rg-missing', 'vm', vmBody([shared]), FAST), 'ResourceGroupNotFound', 404);
  await rejectsWithCode(compute.virtualMachines.createOrUpdate(RG, 'vm-bad', { location: LOCATION } as never, FAST), 'InvalidRequestContent', 400);
});

test('managed disks and snapshots: create, grow, snapshot, and no delete while attached', async () => {
  const { compute } = t.clients;
  const disk = await compute.disks.createOrUpdate(RG, 'data-1', { location: LOCATION, sku: { name: 'Premium_LRS' }, creationData: { createOption: 'Empty' }, diskSizeGB: 64 }, FAST);
  assert.equal(disk.provisioningState, 'Succeeded');
  assert.equal(disk.diskState, 'Unattached');
  const grown = await compute.disks.update(RG, 'data-1', { diskSizeGB: 128 }, FAST);
  assert.equal(grown.diskSizeGB, 128);
  await rejectsWithCode(compute.disks.update(RG, 'data-1', { diskSizeGB: 32 }, FAST), 'OperationNotAllowed', 409);
  const snap = await compute.snapshots.createOrUpdate(RG, 'snap-1', { location: LOCATION, creationData: { createOption: 'Copy', sourceResourceId: disk.id } }, FAST);
  assert.equal(snap.diskSizeGB, 128);
  await rejectsWithCode(compute.snapshots.createOrUpdate(RG, 'snap-2', { location: LOCATION, creationData: { createOption: 'Copy', sourceResourceId: armId(RG, 'Microsoft.Compute/disks', 'ghost') } }, FAST), 'NotFound', 404);
  await compute.virtualMachines.createOrUpdate(RG, 'vm-d', vmBody([await nic('nic-d')], {
    storageProfile: { osDisk: { createOption: 'FromImage' }, dataDisks: [{ lun: 0, createOption: 'Attach', managedDisk: { id: disk.id } }] },
  }), FAST);
  await rejectsWithCode(compute.disks.delete(RG, 'data-1', FAST), 'OperationNotAllowed', 409);
  await compute.virtualMachines.delete(RG, 'vm-d', FAST);
  await compute.disks.delete(RG, 'data-1', FAST);
  await compute.snapshots.delete(RG, 'snap-1', FAST);
  assert.deepEqual(await names(compute.snapshots.listByResourceGroup(RG)), []);
});

test('deleting a resource group deletes everything in it, polled through Location', async () => {
  const { resources, compute } = t.clients;
  await resources.resourceGroups.createOrUpdate('rg-doomed', { location: LOCATION });
  assert.equal((await resources.resourceGroups.checkExistence('rg-doomed')).body, true);
  const vnet = await t.clients.network.virtualNetworks.beginCreateOrUpdateAndWait('rg-doomed', 'v', {
    location: LOCATION, addressSpace: { addressPrefixes: ['10.70.0.0/16'] }, subnets: [{ name: 's', addressPrefix: '10.70.0.0/24' }],
  }, FAST);
  const n = await t.clients.network.networkInterfaces.beginCreateOrUpdateAndWait('rg-doomed', 'n', { location: LOCATION, ipConfigurations: [{ name: 'c', subnet: { id: vnet.subnets![0]!.id } }] }, FAST);
  await compute.virtualMachines.createOrUpdate('rg-doomed', 'vm', vmBody([n.id!]), FAST);
  await resources.resourceGroups.beginDeleteAndWait('rg-doomed', FAST);
  assert.equal((await resources.resourceGroups.checkExistence('rg-doomed')).body, false);
  assert.equal(t.sim.state.resources().filter((r) => r.id.toLowerCase().includes('/resourcegroups/rg-doomed')).length, 0);
  await rejectsWithCode(resources.resourceGroups.get('rg-doomed'), 'ResourceGroupNotFound', 404);
});

test('subscription-wide lists, resource group updates and the Linux run command catalogue', async () => {
  const { compute, resources } = t.clients;
  await compute.virtualMachines.createOrUpdate(RG, 'vm-listed', vmBody([await nic('nic-listed')]), FAST);
  assert.ok((await names(compute.virtualMachines.listAll())).includes('vm-listed'));
  const updated = await resources.resourceGroups.update(RG, { tags: { env: 'local' } });
  assert.deepEqual(updated.tags, { env: 'local' });
  assert.ok((await names(resources.resourceGroups.list())).includes(RG));
  const commands: string[] = [];
  for await (const c of compute.virtualMachineRunCommands.list(LOCATION)) commands.push(c.id ?? '');
  assert.deepEqual(commands, ['RunShellScript', 'ifconfig']);
  assert.equal((await compute.virtualMachineRunCommands.get(LOCATION, 'RunShellScript')).osType, 'Linux');
  await rejectsWithCode(compute.virtualMachineRunCommands.get(LOCATION, 'RunPowerShellScript'), 'NotFound', 404);
});

test('a zone out of capacity accepts the create and fails its LRO with AllocationFailed', async () => {
  const { compute } = t.clients;
  const first = await compute.virtualMachines.createOrUpdate(RG, 'vm-z3a', vmBody([await nic('nic-z3a')], { zones: ['3'] }), FAST);
  assert.equal(first.provisioningState, 'Succeeded');
  await assert.rejects(compute.virtualMachines.createOrUpdate(RG, 'vm-z3b', vmBody([await nic('nic-z3b')], { zones: ['3'] }), FAST),
    /The long-running operation has failed\. AllocationFailed\. Allocation failed/);
  assert.equal((await compute.virtualMachines.get(RG, 'vm-z3b')).provisioningState, 'Failed');
  await compute.virtualMachines.delete(RG, 'vm-z3a', FAST);
  const retried = await compute.virtualMachines.createOrUpdate(RG, 'vm-z3b', vmBody([armId(RG, 'Microsoft.Network/networkInterfaces', 'nic-z3b')], { zones: ['3'] }), FAST);
  assert.equal(retried.provisioningState, 'Succeeded', 'a re-PUT provisions a VM whose create failed');
  assert.equal((await compute.virtualMachines.instanceView(RG, 'vm-z3b')).statuses?.[1]?.code, 'PowerState/running');
  await compute.virtualMachines.delete(RG, 'vm-z3b', FAST);
});

test('re-PUTting a VM with another NIC releases the old one; updating a missing group is ResourceGroupNotFound', async () => {
  const { compute, network, resources } = t.clients;
  const [first, second] = [await nic('nic-swap-1'), await nic('nic-swap-2')];
  await compute.virtualMachines.createOrUpdate(RG, 'vm-swap', vmBody([first]), FAST);
  const swapped = await compute.virtualMachines.createOrUpdate(RG, 'vm-swap', vmBody([second]), FAST);
  assert.equal(swapped.networkProfile?.networkInterfaces?.[0]?.id?.toLowerCase(), second.toLowerCase());
  assert.equal((await network.networkInterfaces.get(RG, 'nic-swap-1')).virtualMachine, undefined);
  await network.networkInterfaces.beginDeleteAndWait(RG, 'nic-swap-1', FAST);
  await compute.virtualMachines.delete(RG, 'vm-swap', FAST);
  await rejectsWithCode(resources.resourceGroups.update('rg-nowhere', { tags: {} }), 'ResourceGroupNotFound', 404);
});

test('PATCH updates of VMs and availability sets keep everything they do not name', async () => {
  const { compute, network } = t.clients;
  await compute.availabilitySets.createOrUpdate(RG, 'as-patch', { location: LOCATION, platformFaultDomainCount: 2, platformUpdateDomainCount: 3 });
  const set = await compute.availabilitySets.update(RG, 'as-patch', { tags: { tier: 'db' } });
  assert.deepEqual([set.tags, set.platformFaultDomainCount, set.platformUpdateDomainCount], [{ tier: 'db' }, 2, 3]);
  await compute.virtualMachines.createOrUpdate(RG, 'vm-patch', vmBody([await nic('nic-patch')], { zones: ['1'] }), FAST);
  const patched = await compute.virtualMachines.update(RG, 'vm-patch', { tags: { role: 'seed' } }, FAST);
  assert.deepEqual(patched.tags, { role: 'seed' });
  assert.deepEqual(patched.zones, ['1']);
  assert.equal(patched.hardwareProfile?.vmSize, 'Standard_D4s_v5');
  assert.equal(patched.provisioningState, 'Succeeded');
  assert.equal((await compute.virtualMachines.instanceView(RG, 'vm-patch')).statuses?.[1]?.code, 'PowerState/running');
  const nics: string[] = [];
  for await (const n of network.networkInterfaces.list(RG)) nics.push(n.name ?? '');
  assert.ok(nics.includes('nic-patch'));
  await compute.virtualMachines.delete(RG, 'vm-patch', FAST);
  await compute.availabilitySets.delete(RG, 'as-patch');
});
