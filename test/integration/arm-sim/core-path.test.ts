import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { armId, FAST, LOCATION, startTestSimulator, vmBody, type TestSimulator } from './start-test-simulator.js';

let t: TestSimulator;
before(async () => { t = await startTestSimulator(); });
after(async () => { await t.dispose(); });

test('resource group, VNet with an inline subnet, NIC, VM and Run Command through the real clients', async () => {
  const { resources, network, compute } = t.clients;
  const rg = await resources.resourceGroups.createOrUpdate('rg-core', { location: LOCATION, tags: { app: 'cassandra' } });
  assert.equal(rg.properties?.provisioningState, 'Succeeded');
  const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait('rg-core', 'vnet1', {
    location: LOCATION, addressSpace: { addressPrefixes: ['10.1.0.0/16'] },
    subnets: [{ name: 'nodes', addressPrefix: '10.1.1.0/24' }],
  }, FAST);
  assert.equal(vnet.provisioningState, 'Succeeded');
  assert.equal(vnet.subnets?.[0]?.name, 'nodes');
  const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait('rg-core', 'nic1', {
    location: LOCATION, ipConfigurations: [{ name: 'ipconfig1', subnet: { id: vnet.subnets![0]!.id }, privateIPAllocationMethod: 'Dynamic' }],
  }, FAST);
  assert.equal(nic.ipConfigurations?.[0]?.privateIPAddress, '10.1.1.4');
  const vm = await compute.virtualMachines.createOrUpdate('rg-core', 'vm1', vmBody([nic.id!]), FAST);
  assert.equal(vm.provisioningState, 'Succeeded');
  const view = await compute.virtualMachines.instanceView('rg-core', 'vm1');
  assert.deepEqual(view.statuses?.map((s) => s.code), ['ProvisioningState/succeeded', 'PowerState/running']);
  const result = await compute.virtualMachines.runCommand('rg-core', 'vm1', { commandId: 'RunShellScript', script: ['echo hello', 'echo oops >&2'] }, FAST);
  assert.equal(result.value?.[0]?.message, 'Enable succeeded: \n[stdout]\nhello\n\n[stderr]\noops\n');
  assert.equal(armId('rg-core', 'Microsoft.Compute/virtualMachines', 'vm1').toLowerCase(), vm.id?.toLowerCase());
  // The admin endpoint accounts for each long-running operation: what it acted on, how, and the duration drawn for it.
  const { value } = (await t.admin('GET', '/_admin/operations')).body as { value: { resourceId: string; verb: string; status: string; delayInMs: number; endTime?: string }[] };
  assert.deepEqual(value.map((o) => [o.resourceId.toLowerCase(), o.verb, o.status]), [
    [vnet.id!.toLowerCase(), 'PUT', 'Succeeded'], [nic.id!.toLowerCase(), 'PUT', 'Succeeded'],
    [vm.id!.toLowerCase(), 'PUT', 'Succeeded'], [vm.id!.toLowerCase(), 'runCommand', 'Succeeded']]);
  assert.ok(value.every((o) => o.delayInMs === 0 && o.endTime), 'the instant profile draws no delay, and each ended');
});
