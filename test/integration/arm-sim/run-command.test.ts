import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient, BlobSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } from '@azure/storage-blob';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, type AzuriteInstance } from '../../../local/azurite/start-azurite.js';
import { FAST, LOCATION, rejectsWithCode, startTestSimulator, vmBody, type TestSimulator } from './start-test-simulator.js';
import { waitFor } from '../../support/wait-for.js';

let t: TestSimulator;
let azurite: AzuriteInstance;
let started: { stop(): Promise<void> }[] = [];
const RG = 'rg-run';
const sandbox = (vm: string) => join(t.stateDir, 'guests', `${RG}--${vm}`);

before(async () => {
  t = await startTestSimulator();
  started = [{ stop: () => t.dispose() }];
  azurite = await startAzurite({ location: join(t.stateDir, 'azurite') });
  started = [azurite, ...started];
  const { resources, network, compute } = t.clients;
  await resources.resourceGroups.createOrUpdate(RG, { location: LOCATION });
  const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet', {
    location: LOCATION, addressSpace: { addressPrefixes: ['10.80.0.0/16'] }, subnets: [{ name: 'nodes', addressPrefix: '10.80.0.0/24' }],
  }, FAST);
  for (const vm of ['vm-1', 'vm-2']) {
    const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait(RG, `nic-${vm}`, { location: LOCATION, ipConfigurations: [{ name: 'c', subnet: { id: vnet.subnets![0]!.id } }] }, FAST);
    await compute.virtualMachines.createOrUpdate(RG, vm, vmBody([nic.id!]), FAST);
  }
});
// Whatever started is stopped, even when before() failed half-way (a live simulator would keep the file running).
after(async () => {
  for (const part of started) await part.stop();
});

test('action Run Command packs stdout and stderr into one message, keeps only the last 4,096 bytes, and has no exit code', async () => {
  const { compute } = t.clients;
  const run = (script: string[], parameters?: { name: string; value: string }[]) =>
    compute.virtualMachines.runCommand(RG, 'vm-1', { commandId: 'RunShellScript', script, parameters }, FAST);
  const long = await run(['head -c 10000 /dev/zero | tr "\\0" a', 'printf END']);
  const message = long.value?.[0]?.message ?? '';
  const stdout = message.split('\n[stdout]\n')[1]!.split('\n[stderr]\n')[0]!;
  assert.equal(Buffer.byteLength(stdout), 4096);
  assert.ok(stdout.endsWith('aaaEND'));
  assert.equal(long.value?.[0]?.code, 'ProvisioningState/succeeded');
  const param = await run(['echo "$GREETING from $(basename "$PWD")"'], [{ name: 'GREETING', value: 'hello' }]);
  assert.equal(param.value?.[0]?.message, `Enable succeeded: \n[stdout]\nhello from ${RG}--vm-1\n\n[stderr]\n`);
  const failing = await run(['echo partial', 'echo broken >&2', 'exit 3']);
  assert.equal(failing.value?.[0]?.message, 'Enable failed: failed to execute command: command terminated with exit status=3\n[stdout]\npartial\n\n[stderr]\nbroken\n');
  assert.equal(Object.keys(failing.value?.[0] ?? {}).some((k) => /exit/i.test(k)), false);
  await rejectsWithCode(compute.virtualMachines.runCommand(RG, 'vm-1', { commandId: 'RunPowerShellScript', script: ['x'] }, FAST), 'NotFound', 404);
});

test('a second action Run Command while one runs gets 409 Conflict with Azure\'s message; other VMs are not blocked', async () => {
  const { compute } = t.clients;
  const dir = sandbox('vm-1');
  const first = compute.virtualMachines.runCommand(RG, 'vm-1', { commandId: 'RunShellScript', script: ['touch started', 'while [ ! -f go ]; do sleep 0.02; done', 'rm go started', 'echo finished'] }, FAST);
  await waitFor('the first script to start', 10_000, async () => (existsSync(join(dir, 'started')) ? true : undefined));
  await assert.rejects(compute.virtualMachines.runCommand(RG, 'vm-1', { commandId: 'RunShellScript', script: ['echo second'] }, FAST),
    { statusCode: 409, code: 'Conflict', message: 'Run command extension execution is in progress. Please wait for completion before invoking a run command.' });
  const other = await compute.virtualMachines.runCommand(RG, 'vm-2', { commandId: 'RunShellScript', script: ['echo other'] }, FAST);
  assert.match(other.value?.[0]?.message ?? '', /\[stdout\]\nother\n/);
  writeFileSync(join(dir, 'go'), '');
  assert.match((await first).value?.[0]?.message ?? '', /\[stdout\]\nfinished\n/);
  const again = await compute.virtualMachines.runCommand(RG, 'vm-1', { commandId: 'RunShellScript', script: ['echo again'] }, FAST);
  assert.match(again.value?.[0]?.message ?? '', /again/);
});

test('managed run commands run in parallel, keep exit code and the last 4 KB in their instance view, and write full output to append blobs', async () => {
  const { compute } = t.clients;
  const dir = sandbox('vm-2');
  const waitScript = (name: string) => `touch ${name}.started; while [ ! -f go-managed ]; do sleep 0.02; done; echo ${name} done`;
  const a = compute.virtualMachineRunCommands.createOrUpdate(RG, 'vm-2', 'rc-a', { location: LOCATION, source: { script: waitScript('a') } }, FAST);
  const b = compute.virtualMachineRunCommands.createOrUpdate(RG, 'vm-2', 'rc-b', { location: LOCATION, source: { script: waitScript('b') } }, FAST);
  await waitFor('both managed run commands to run at once', 10_000, async () => (existsSync(join(dir, 'a.started')) && existsSync(join(dir, 'b.started')) ? true : undefined));
  const running = await compute.virtualMachineRunCommands.getByVirtualMachine(RG, 'vm-2', 'rc-a', { expand: 'instanceView' });
  assert.equal(running.instanceView?.executionState, 'Running');
  writeFileSync(join(dir, 'go-managed'), '');
  assert.equal((await a).provisioningState, 'Succeeded');
  await b;
  const viewB = await compute.virtualMachineRunCommands.getByVirtualMachine(RG, 'vm-2', 'rc-b', { expand: 'instanceView' });
  assert.equal(viewB.instanceView?.executionState, 'Succeeded');
  assert.equal(viewB.instanceView?.exitCode, 0);
  assert.equal(viewB.instanceView?.output, 'b done\n');

  const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
  const container = blobs.getContainerClient('runcommand');
  await container.createIfNotExists();
  const sas = (blob: string) => `${container.getBlobClient(blob).url}?${generateBlobSASQueryParameters({
    containerName: 'runcommand', blobName: blob, permissions: BlobSASPermissions.parse('racw'), expiresOn: new Date(Date.now() + 3_600_000),
  }, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY)).toString()}`;
  const done = await compute.virtualMachineRunCommands.createOrUpdate(RG, 'vm-2', 'rc-out', {
    location: LOCATION, source: { script: 'head -c 9000 /dev/zero | tr "\\0" b; echo; echo "warn $LEVEL" >&2; exit 4' },
    parameters: [{ name: 'LEVEL', value: 'high' }], protectedParameters: [{ name: 'TOKEN', value: 'not-shown' }],
    outputBlobUri: sas('out.txt'), errorBlobUri: sas('err.txt'),
  }, FAST);
  assert.equal(done.provisioningState, 'Succeeded', 'the platform ran the script; its failure is in the instance view');
  assert.equal(JSON.stringify(done).includes('not-shown'), false, 'protected parameters never come back');
  const view = (await compute.virtualMachineRunCommands.getByVirtualMachine(RG, 'vm-2', 'rc-out', { expand: 'instanceView' })).instanceView!;
  assert.equal(view.executionState, 'Failed');
  assert.equal(view.exitCode, 4);
  assert.equal(Buffer.byteLength(view.output ?? ''), 4096);
  assert.equal(view.error, 'warn high\n');
  const full = await container.getBlobClient('out.txt').downloadToBuffer();
  assert.equal(full.length, 9001);
  assert.equal((await container.getBlobClient('err.txt').downloadToBuffer()).toString(), 'warn high\n');
  assert.equal((await container.getBlobClient('out.txt').getProperties()).blobType, 'AppendBlob');
  const listed: string[] = [];
  for await (const rc of compute.virtualMachineRunCommands.listByVirtualMachine(RG, 'vm-2')) listed.push(rc.name ?? '');
  assert.deepEqual(listed.sort(), ['rc-a', 'rc-b', 'rc-out']);
});

test('managed run command failures, refusals and deletes', async () => {
  const { compute } = t.clients;
  await assert.rejects(compute.virtualMachineRunCommands.createOrUpdate(RG, 'vm-2', 'rc-fail', {
    location: LOCATION, source: { script: 'exit 2' }, treatFailureAsDeploymentFailure: true,
  }, FAST), /VMExtensionProvisioningError/);
  await rejectsWithCode(compute.virtualMachineRunCommands.createOrUpdate(RG, 'vm-2', 'rc-far', {
    location: LOCATION, source: { script: 'true' }, outputBlobUri: 'https://example.invalid/c/b',
  }, FAST), 'InvalidParameter', 400);
  await rejectsWithCode(compute.virtualMachineRunCommands.createOrUpdate(RG, 'vm-2', 'rc-none', { location: LOCATION, source: {} }, FAST), 'InvalidParameter', 400);
  await compute.virtualMachineRunCommands.createOrUpdate(RG, 'vm-2', 'rc-slow', { location: LOCATION, source: { script: 'while true; do sleep 0.05; done' }, timeoutInSeconds: 1 }, FAST);
  const slow = await compute.virtualMachineRunCommands.getByVirtualMachine(RG, 'vm-2', 'rc-slow', { expand: 'instanceView' });
  assert.equal(slow.instanceView?.executionState, 'TimedOut');
  const dir = sandbox('vm-2');
  const endless = compute.virtualMachineRunCommands.createOrUpdate(RG, 'vm-2', 'rc-endless', {
    location: LOCATION, source: { script: 'echo $$ > endless.pid; while true; do sleep 0.05; done' }, asyncExecution: true,
  }, FAST);
  assert.equal((await endless).provisioningState, 'Succeeded', 'asyncExecution completes once the script starts');
  // Until the file exists the read throws, and until the shell has written it the number is 0: both poll again.
  const pid = await waitFor('the endless script to write its pid', 10_000, async () => Number(readFileSync(join(dir, 'endless.pid'), 'utf8').trim()) || undefined);
  await compute.virtualMachineRunCommands.delete(RG, 'vm-2', 'rc-endless', FAST);
  await waitFor('the script to be stopped', 10_000, async () => { try { process.kill(pid, 0); return undefined; } catch { return true; } });
  await rejectsWithCode(compute.virtualMachineRunCommands.getByVirtualMachine(RG, 'vm-2', 'rc-endless'), 'ResourceNotFound', 404);
});
