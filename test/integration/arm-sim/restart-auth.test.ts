import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { createArmClients } from '../../../shared/adapters/arm/create-arm-clients.js';
import { createArmCredential } from '../../../shared/adapters/arm/create-arm-credential.js';
import { BashGuestDriver } from '../../../local/arm-sim/bash-guest-driver.js';
import { FAST, LOCATION, rejectsWithCode, startTestSimulator, SUBSCRIPTION, vmBody } from './start-test-simulator.js';

test('a restart on the same state directory keeps every resource, the CA, the identity and allocated addresses', async () => {
  const t = await startTestSimulator();
  try {
    const before = t.clients;
    const caBefore = readFileSync(join(t.stateDir, 'ca.pem'), 'utf8');
    await before.resources.resourceGroups.createOrUpdate('rg-keep', { location: LOCATION });
    const vnet = await before.network.virtualNetworks.beginCreateOrUpdateAndWait('rg-keep', 'vnet', {
      location: LOCATION, addressSpace: { addressPrefixes: ['10.100.0.0/16'] }, subnets: [{ name: 's', addressPrefix: '10.100.0.0/24' }],
    }, FAST);
    const nic = await before.network.networkInterfaces.beginCreateOrUpdateAndWait('rg-keep', 'nic-1', { location: LOCATION, ipConfigurations: [{ name: 'c', subnet: { id: vnet.subnets![0]!.id } }] }, FAST);
    await before.compute.virtualMachines.createOrUpdate('rg-keep', 'vm-1', vmBody([nic.id!]), FAST);
    await before.compute.virtualMachines.runCommand('rg-keep', 'vm-1', { commandId: 'RunShellScript', script: ['echo kept > note.txt'] }, FAST);
    const countBefore = t.sim.state.resources().length;

    await t.restart();
    await t.sim.guestsRecovered;
    assert.equal(t.sim.state.resources().length, countBefore);
    assert.equal(readFileSync(join(t.stateDir, 'ca.pem'), 'utf8'), caBefore, 'clients that trusted the CA keep trusting it');
    // The clients built before the restart still work: same port, same CA, tokens still valid.
    const vm = await before.compute.virtualMachines.get('rg-keep', 'vm-1', { expand: 'instanceView' });
    assert.equal(vm.instanceView?.statuses?.[1]?.code, 'PowerState/running');
    const note = await before.compute.virtualMachines.runCommand('rg-keep', 'vm-1', { commandId: 'RunShellScript', script: ['cat note.txt'] }, FAST);
    assert.match(note.value?.[0]?.message ?? '', /\[stdout\]\nkept\n/);
    const second = await t.clients.network.networkInterfaces.beginCreateOrUpdateAndWait('rg-keep', 'nic-2', { location: LOCATION, ipConfigurations: [{ name: 'c', subnet: { id: vnet.subnets![0]!.id } }] }, FAST);
    assert.equal(second.ipConfigurations?.[0]?.privateIPAddress, '10.100.0.5', 'addresses allocated before the restart stay taken');
    const journal = readFileSync(join(t.stateDir, 'resources', 'resources.journal'), 'utf8');
    assert.ok(journal.split('\n').filter(Boolean).length < countBefore, 'the restart compacted the journal into the snapshot');
    const state = await t.admin('GET', '/_admin/state?type=Microsoft.Compute/virtualMachines');
    assert.equal((state.body as { count: number }).count, 1);
  } finally {
    await t.dispose();
  }
});

test('bearer tokens, client secrets and api-version are checked the way ARM and Entra ID check them', async () => {
  const t = await startTestSimulator();
  try {
    const base = { subscriptionId: SUBSCRIPTION, endpoint: t.sim.endpoint, caPem: t.sim.caPem, retry: { maxRetries: 0 } };
    const wrongSecret = createArmClients({ ...base, credential: createArmCredential({ kind: 'simulator', authorityHost: t.sim.tokenAuthorityHost, tenantId: t.sim.tenantId, clientId: t.sim.clientId, clientSecret: 'wrong', caPem: t.sim.caPem }) });
    await assert.rejects(wrongSecret.resources.resourceGroups.get('any'), /AADSTS7000215/);
    const forged = createArmClients({ ...base, credential: { getToken: async () => ({ token: 'e30.e30.c2ln', expiresOnTimestamp: Date.now() + 3_600_000 }) } });
    await rejectsWithCode(forged.resources.resourceGroups.get('any'), 'InvalidAuthenticationToken', 401);
    await rejectsWithCode(forged.network.virtualNetworks.get('any', 'v'), 'InvalidAuthenticationToken', 401);
    const dropApiVersion: PipelinePolicy = { name: 'dropApiVersion', sendRequest: (req, next) => { const u = new URL(req.url); u.searchParams.delete('api-version'); req.url = u.toString(); return next(req); } };
    const credential = createArmCredential({ kind: 'simulator', authorityHost: t.sim.tokenAuthorityHost, tenantId: t.sim.tenantId, clientId: t.sim.clientId, clientSecret: t.sim.clientSecret, caPem: t.sim.caPem });
    const noVersion = new ResourceManagementClient(credential, SUBSCRIPTION, { endpoint: t.sim.endpoint, tlsOptions: { ca: t.sim.caPem }, additionalPolicies: [{ policy: dropApiVersion, position: 'perRetry' }] });
    await rejectsWithCode(noVersion.resourceGroups.get('any'), 'MissingApiVersionParameter', 400);
    const untrusted = createArmClients({ ...base, caPem: undefined, credential });
    await assert.rejects(untrusted.resources.resourceGroups.get('any'), /self[- ]signed|certificate/i, 'certificate checks stay on');
  } finally {
    await t.dispose();
  }
});

test('with a guest that runs real processes, address spaces, subnets and NIC addresses must be loopback', async () => {
  const guests = mkdtempSync(join(tmpdir(), 'arm-sim-guests-'));
  const t = await startTestSimulator({ guestDriver: new BashGuestDriver(guests, { realProcesses: true }) });
  try {
    const { resources, network } = t.clients;
    await resources.resourceGroups.createOrUpdate('rg-loop', { location: LOCATION });
    await assert.rejects(network.virtualNetworks.beginCreateOrUpdateAndWait('rg-loop', 'private', { location: LOCATION, addressSpace: { addressPrefixes: ['10.0.0.0/16'] } }, FAST),
      (e: { code?: string; message?: string }) => e.code === 'InvalidParameter' && /127\.0\.0\.0\/8/.test(e.message ?? '') && /addressPrefixes\[0\]/.test(e.message ?? ''));
    const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait('rg-loop', 'loop', { location: LOCATION, addressSpace: { addressPrefixes: ['127.1.0.0/16'] }, subnets: [{ name: 'rack1', addressPrefix: '127.1.1.0/24' }] }, FAST);
    const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait('rg-loop', 'n', { location: LOCATION, ipConfigurations: [{ name: 'c', subnet: { id: vnet.subnets![0]!.id } }] }, FAST);
    assert.equal(nic.ipConfigurations?.[0]?.privateIPAddress, '127.1.1.4');
    assert.deepEqual(readdirSync(guests), [], 'no VM was created, so the guest made no sandbox');
  } finally {
    await t.dispose();
    rmSync(guests, { recursive: true, force: true });
  }
});

test('the realistic profile shows provisioning states and polls, scaled by latencyScale, with Azure\'s throttling on', async () => {
  const t = await startTestSimulator({ profile: 'realistic', latencyScale: 0.002 });
  try {
    const { resources, network, compute } = t.clients;
    await resources.resourceGroups.createOrUpdate('rg-real', { location: LOCATION });
    const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait('rg-real', 'v', {
      location: LOCATION, addressSpace: { addressPrefixes: ['10.110.0.0/16'] }, subnets: [{ name: 's', addressPrefix: '10.110.0.0/24' }],
    }, FAST);
    assert.equal(vnet.provisioningState, 'Succeeded');
    const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait('rg-real', 'n', { location: LOCATION, ipConfigurations: [{ name: 'c', subnet: { id: vnet.subnets![0]!.id } }] }, FAST);
    const headers: string[] = [];
    const started = Date.now();
    const creating = compute.virtualMachines.createOrUpdate('rg-real', 'vm', vmBody([nic.id!]), { ...FAST, onResponse: (r) => { const h = r.headers.get('x-ms-ratelimit-remaining-resource'); if (h) headers.push(h); } });
    await creating.submitted();
    const midway = await compute.virtualMachines.get('rg-real', 'vm', { expand: 'instanceView' });
    assert.equal(midway.provisioningState, 'Creating');
    assert.equal(midway.instanceView?.statuses?.[1]?.code, 'PowerState/starting');
    assert.equal((await creating).provisioningState, 'Succeeded');
    assert.ok(Date.now() - started >= 65_000 * 0.002 * 0.9, 'VM creation took its scaled minute');
    assert.equal(headers[0], 'Microsoft.Compute/PutVMResource;11,Microsoft.Compute/PutVMSubscription;1499');
    const polls = ((await t.admin('GET', '/_admin/requests')).body as { value: { path: string }[] }).value.filter((e) => /\/operations\//i.test(e.path));
    assert.ok(polls.length >= 3, 'operations were polled until done');
  } finally {
    await t.dispose();
  }
});
