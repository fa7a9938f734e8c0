import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createArmClients } from '../../../shared/adapters/arm/create-arm-clients.js';
import { createArmCredential } from '../../../shared/adapters/arm/create-arm-credential.js';
import { FAST, LOCATION, rejectsWithCode, startTestSimulator, SUBSCRIPTION, vmBody, type TestSimulator } from './start-test-simulator.js';

let t: TestSimulator;
const RG = 'rg-faults';
let subnetId = '';
before(async () => {
  // Tiny per-VM bucket with a fast refill, so throttling shows within a test's time budget.
  t = await startTestSimulator({ throttle: { perVm: { max: 2, refillPerMinute: 60 }, perSubscription: { max: 1000, refillPerMinute: 1000 } } });
  await t.clients.resources.resourceGroups.createOrUpdate(RG, { location: LOCATION });
  const vnet = await t.clients.network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet', {
    location: LOCATION, addressSpace: { addressPrefixes: ['10.90.0.0/16'] }, subnets: [{ name: 'nodes', addressPrefix: '10.90.0.0/24' }],
  }, FAST);
  subnetId = vnet.subnets![0]!.id!;
});
after(async () => { await t.dispose(); });

const nic = (name: string) => t.clients.network.networkInterfaces.beginCreateOrUpdateAndWait(RG, name, { location: LOCATION, ipConfigurations: [{ name: 'c', subnet: { id: subnetId } }] }, FAST);
const requestsTo = (suffix: string, status: number) => (t.admin('GET', '/_admin/requests'))
  .then((r) => (r.body as { value: { path: string; status: number }[] }).value.filter((e) => e.path.toLowerCase().endsWith(suffix.toLowerCase()) && e.status === status).length);

test('an injected error surfaces with its code and status, once per count', async () => {
  const added = await t.admin('POST', '/_admin/faults', { resourceType: 'Microsoft.Compute/virtualMachines', verb: 'PUT', count: 1, fault: { kind: 'error', code: 'AllocationFailed', status: 409, message: 'Allocation failed. We do not have sufficient capacity for the requested VM size in this region.' } });
  assert.equal(added.status, 201);
  const id = (await nic('nic-alloc')).id!;
  await rejectsWithCode(t.clients.compute.virtualMachines.createOrUpdate(RG, 'vm-alloc', vmBody([id]), FAST), 'AllocationFailed', 409);
  const vm = await t.clients.compute.virtualMachines.createOrUpdate(RG, 'vm-alloc', vmBody([id]), FAST);
  assert.equal(vm.provisioningState, 'Succeeded', 'the rule was used up');
  const bad = await t.admin('POST', '/_admin/faults', { resourceType: 'x', verb: 'PUT', fault: { kind: 'explode' } });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.body), /fault\.kind/);
});

test('injected 429s with Retry-After are retried by the SDK; past its retries the 429 surfaces', async () => {
  await t.admin('POST', '/_admin/faults', { resourceType: 'Microsoft.Network/networkInterfaces', verb: 'PUT', count: 2, fault: { kind: 'throttle', retryAfterSeconds: 0 } });
  const ok = await nic('nic-retried');
  assert.equal(ok.provisioningState, 'Succeeded');
  assert.equal(await requestsTo('/networkInterfaces/nic-retried', 429), 2);
  await t.admin('POST', '/_admin/faults', { resourceType: 'Microsoft.Network/networkInterfaces', verb: 'PUT', count: 4, fault: { kind: 'throttle', retryAfterSeconds: 0 } });
  await rejectsWithCode(nic('nic-refused'), 'TooManyRequests', 429);
  assert.equal(await requestsTo('/networkInterfaces/nic-refused', 429), 4, 'one attempt and three retries');
});

test('a long-running operation failed midway reports the code and leaves the resource Failed', async () => {
  const { compute } = t.clients;
  await t.admin('POST', '/_admin/faults', { resourceType: 'Microsoft.Compute/virtualMachines', verb: 'PUT', fault: { kind: 'failLro', code: 'AllocationFailed', message: 'Allocation failed midway.' } });
  const id = (await nic('nic-midway')).id!;
  await assert.rejects(compute.virtualMachines.createOrUpdate(RG, 'vm-midway', vmBody([id]), FAST), (e: Error & { statusCode?: number }) => {
    assert.match(e.message, /AllocationFailed/);
    assert.equal(e.statusCode, undefined, 'a failed LRO is a plain Error, not a RestError');
    return true;
  });
  assert.equal((await compute.virtualMachines.get(RG, 'vm-midway')).provisioningState, 'Failed');
  await t.admin('POST', '/_admin/faults', { resourceType: 'Microsoft.Compute/virtualMachines', verb: 'runCommand', fault: { kind: 'failLro', code: 'VMAgentStatusCommunicationError' } });
  await assert.rejects(compute.virtualMachines.runCommand(RG, 'vm-alloc', { commandId: 'RunShellScript', script: ['true'] }, FAST), /VMAgentStatusCommunicationError/);
  const after = await compute.virtualMachines.runCommand(RG, 'vm-alloc', { commandId: 'RunShellScript', script: ['echo fine'] }, FAST);
  assert.match(after.value?.[0]?.message ?? '', /fine/, 'the VM accepts a new script after the failed one');
  assert.deepEqual((await t.admin('GET', '/_admin/faults')).body, { value: [] });
});

test('Compute token buckets: VM writes carry x-ms-ratelimit-remaining-resource, an empty bucket answers 429 + Retry-After, and the SDK waits and retries', async () => {
  const { compute } = t.clients;
  const id = (await nic('nic-bucket')).id!;
  const remaining: string[] = [];
  await compute.virtualMachines.createOrUpdate(RG, 'vm-bucket', vmBody([id]), { ...FAST, onResponse: (r) => { const h = r.headers.get('x-ms-ratelimit-remaining-resource'); if (h) remaining.push(h); } });
  assert.match(remaining[0] ?? '', /^Microsoft\.Compute\/PutVMResource;1,Microsoft\.Compute\/PutVMSubscription;\d+$/);
  const noRetry = createArmClients({
    subscriptionId: SUBSCRIPTION, endpoint: t.sim.endpoint, caPem: t.sim.caPem, retry: { maxRetries: 0 },
    credential: createArmCredential({ kind: 'simulator', authorityHost: t.sim.tokenAuthorityHost, tenantId: t.sim.tenantId, clientId: t.sim.clientId, clientSecret: t.sim.clientSecret, caPem: t.sim.caPem }),
  });
  await noRetry.compute.virtualMachines.runCommand(RG, 'vm-bucket', { commandId: 'RunShellScript', script: ['true'] }, FAST);
  await noRetry.compute.virtualMachines.runCommand(RG, 'vm-bucket', { commandId: 'RunShellScript', script: ['true'] }, FAST);
  await assert.rejects(noRetry.compute.virtualMachines.runCommand(RG, 'vm-bucket', { commandId: 'RunShellScript', script: ['true'] }, FAST),
    (e: { statusCode?: number; code?: string; response?: { headers: { get(n: string): string | undefined } } }) => {
      assert.equal(e.statusCode, 429);
      assert.equal(e.code, 'OperationNotAllowed');
      assert.equal(e.response?.headers.get('retry-after'), '1');
      assert.match(e.response?.headers.get('x-ms-ratelimit-remaining-resource') ?? '', /UpdateVMResource;0/);
      return true;
    });
  const started = Date.now();
  const retried = await compute.virtualMachines.runCommand(RG, 'vm-bucket', { commandId: 'RunShellScript', script: ['echo through'] }, FAST);
  assert.match(retried.value?.[0]?.message ?? '', /through/);
  assert.ok(Date.now() - started >= 500, 'the SDK honoured Retry-After before retrying');
  assert.ok(await requestsTo('/virtualMachines/vm-bucket/runCommand', 429) >= 2);
});
