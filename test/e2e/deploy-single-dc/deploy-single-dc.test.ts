import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TableServiceClient, TableClient } from '@azure/data-tables';
import { hasEnded, useE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { e2eSpec } from '../support/e2e-specs.js';
import { isLoginRefused, ringView, withSession } from '../support/cluster-checks.js';

// One three-node cluster, booted once: faults first (the run fails with Azure's reason before any
// Cassandra starts), then the re-run with the same Idempotency-Key resumes to Ready, then deletion.
const NAME = 'eone';
const IPS = ['127.1.68.4', '127.1.68.5', '127.1.68.6'];
const fault = (t: E2eStack, rule: unknown) => t.stack.sim.faults.add(rule as Parameters<E2eStack['stack']['sim']['faults']['add']>[0]);

describe('three-node single-DC cluster on the local stack', { timeout: 600_000 }, () => {
  const t = useE2eStack();
  let operationId: string;

  it('fails with Azure\'s reason when a VM cannot be allocated, after riding out 429s and a 500', async () => {
    fault(t, { resourceType: 'Microsoft.Compute/virtualMachines', verb: 'PUT', count: 2, fault: { kind: 'throttle', retryAfterSeconds: 0 } });
    fault(t, { resourceType: 'Microsoft.Network/networkInterfaces', verb: 'PUT', count: 1, fault: { kind: 'error', code: 'InternalServerError', status: 500 } });
    fault(t, { resourceType: 'Microsoft.Compute/virtualMachines', verb: 'PUT', count: 1, fault: { kind: 'failLro', code: 'AllocationFailed', message: 'Allocation failed. We do not have sufficient capacity for the requested VM size in this region.' } });
    const res = await t.api('POST', '/api/clusters', { body: e2eSpec(NAME, 1, { subnetOctet: 68 }), headers: { 'idempotency-key': 'e2e-eone-1' } });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    operationId = (res.body as { operationId: string }).operationId;
    const op = await t.waitForOperation(operationId, hasEnded, 120_000);
    assert.equal(op.status, 'Failed');
    assert.equal(op.error?.azureCode, 'AllocationFailed');
    assert.match(op.error?.message ?? '', /VM vm-eone-dc1-00\d: AllocationFailed: Allocation failed/);
    const cluster = await t.api('GET', `/api/clusters/${NAME}`);
    assert.equal((cluster.body as { state: string }).state, 'Failed');
    assert.equal((cluster.body as { runningOperationId: unknown }).runningOperationId, null);
  });

  it('resumes the same operation when the request is retried with its Idempotency-Key, and reaches Ready', async () => {
    const res = await t.api('POST', '/api/clusters', { body: e2eSpec(NAME, 1, { subnetOctet: 68 }), headers: { 'idempotency-key': 'e2e-eone-1' } });
    assert.equal(res.status, 202);
    assert.equal((res.body as { operationId: string }).operationId, operationId);
    const op = await t.waitForOperation(operationId, hasEnded, 420_000);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual(op.steps.map((s) => [s.name, s.status]), [['validate', 'Succeeded'], ['network', 'Succeeded'], ['nodes', 'Succeeded'],
      ['join', 'Succeeded'], ['harden', 'Succeeded'], ['smokeTest', 'Succeeded']]);
    const cluster = (await t.api('GET', `/api/clusters/${NAME}`)).body as { state: string; nodes: { state: string }[] };
    assert.equal(cluster.state, 'Ready');
    assert.deepEqual(cluster.nodes.map((n) => n.state), ['Joined', 'Joined', 'Joined']);
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Compute/virtualMachines').length, 3, 'no duplicate VMs');
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Network/networkInterfaces').length, 3, 'no duplicate NICs');
  });

  it('has every node UN in its DC and rack, the default login refused and the generated superuser working', async () => {
    const password = t.superuserPassword(NAME);
    const ring = await withSession(IPS, 'dc1', { username: 'autopilot_admin', password }, ringView);
    assert.deepEqual([...ring.entries()].sort(), IPS.map((ip, i) => [ip, { dc: 'dc1', rack: `rack${i + 1}`, up: true }]));
    assert.equal(await isLoginRefused(IPS[0]!, 'dc1', 'cassandra', 'cassandra'), true);
  });

  it('keeps the superuser password out of tables and logs', async () => {
    const password = t.superuserPassword(NAME);
    const service = TableServiceClient.fromConnectionString(t.stack.azurite.connectionString, { allowInsecureConnection: true });
    for await (const table of service.listTables()) {
      const client = TableClient.fromConnectionString(t.stack.azurite.connectionString, table.name ?? '', { allowInsecureConnection: true });
      for await (const entity of client.listEntities()) assert.equal(JSON.stringify(entity).includes(password), false, `table ${table.name}`);
    }
    assert.equal(t.stack.host.logs().join('\n').includes(password), false);
  });

  it('refuses a delete without confirm; a second delete takes over the lease of a terminated one, then deletes everything', async () => {
    assert.equal((await t.api('DELETE', `/api/clusters/${NAME}`)).status, 400);
    // Throttled resource-group deletes hold the first delete long enough to terminate it mid-way.
    fault(t, { resourceType: 'Microsoft.Resources/resourceGroups', verb: 'DELETE', count: 3, fault: { kind: 'throttle', retryAfterSeconds: 5 } });
    const first = await t.api('DELETE', `/api/clusters/${NAME}?confirm=${NAME}`);
    assert.equal(first.status, 202);
    const firstId = (first.body as { operationId: string }).operationId;
    const terminate = await fetch(`${t.stack.apiUrl}/runtime/webhooks/durabletask/instances/${firstId}/terminate?reason=e2e`,
      { method: 'POST', headers: { 'x-functions-key': t.stack.masterKey } });
    assert.equal(terminate.status, 202);
    const abandoned = await t.waitForOperation(firstId, hasEnded, 60_000);
    assert.equal(abandoned.error?.code, 'CASSOPS_OPERATION_ABANDONED', JSON.stringify(abandoned));
    const second = await t.api('DELETE', `/api/clusters/${NAME}?confirm=${NAME}`);
    assert.equal(second.status, 202, JSON.stringify(second.body));
    const op = await t.waitForOperation((second.body as { operationId: string }).operationId, hasEnded, 180_000);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    const record = op as unknown as { requestedBy: string; trigger: string; tookOverFrom?: { operationId: string }[] };
    assert.deepEqual(record.tookOverFrom?.map((x) => x.operationId), [firstId]);
    assert.equal(record.requestedBy, 'admin', 'the local host names the key that authorized the request (the stack\'s admin key)');
    assert.equal(record.trigger, 'api');
    assert.equal((await t.api('GET', `/api/clusters/${NAME}`)).status, 404);
    assert.deepEqual(t.resourcesOf(NAME), []);
    await assert.rejects(withSession([IPS[0]!], 'dc1', { username: 'x', password: 'y' }, async () => undefined), /ECONNREFUSED|All host/);
  });
});
