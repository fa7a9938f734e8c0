import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHealthCheckRequest, getHealthHistoryRequest, getHealthRequest, postHealthCheckRequest } from '../../../shared/api/health-requests.js';
import { postAlertRequest, processQueuedAlert } from '../../../shared/api/alert-requests.js';
import type { HealthApiDeps } from '../../../shared/api/health-api-deps.js';
import type { QueuedAlert } from '../../../shared/domain/ports/alert-queue.js';
import { InMemoryAlertQueue } from '../../../shared/adapters/memory/in-memory-alert-queue.js';
import { InMemoryHealthStore } from '../../../shared/adapters/memory/in-memory-health-store.js';
import type { HealthCheckRecord } from '../../../shared/domain/health/health-store.js';
import type { ClusterRecord } from '../../../shared/domain/state/state-records.js';
import { vmAlert } from '../domain/health/alert-fixtures.js';
import { AlertAcceptedSchema, HealthCheckAcceptedSchema, HealthCheckStatusSchema, HealthHistorySchema, HealthSchema,
} from '../../../shared/api/api-schemas.js';

const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111';

function cluster(name: string, state: ClusterRecord['state']): ClusterRecord {
  return { name, state, spec: {}, lastOperationId: 'op', createdAt: '', updatedAt: '',
    plan: { nodes: [{ name: `${name}-n1`, resourceGroup: `rg-${name}`, vmName: `vm-${name}-1` }] } as unknown as ClusterRecord['plan'] };
}

/** Health and alert queue are the in-memory twins (their contract suites cover them); checks record what was started. */
function fakes() {
  const started: { cluster: string; checkId: string; trigger: string }[] = [];
  const health = new InMemoryHealthStore();
  const queue = new InMemoryAlertQueue();
  const deps: HealthApiDeps = {
    state: { getCluster: async (n) => [cluster('orders', 'Ready'), cluster('building', 'Provisioning')].find((c) => c.name === n),
      listClusters: async () => [cluster('orders', 'Ready'), cluster('building', 'Provisioning')] },
    health,
    checks: {
      start: async (c, id, trigger) => { started.push({ cluster: c, checkId: id, trigger }); },
      status: async (id) => (started.some((s) => s.checkId === id) ? { runtimeStatus: 'Completed', output: { cluster: 'orders', status: 'Healthy' }, customStatus: { phase: 'done' } } : undefined),
    },
    alerts: queue,
    now: () => new Date('2026-03-10T12:00:00.000Z'),
    newId: () => 'id1',
  };
  return { deps, started, health, queue };
}

/** A Healthy check of `orders` with no nodes, evaluated at `evaluatedAt`. */
function ordersCheck(checkId: string, evaluatedAt: string): HealthCheckRecord {
  return { cluster: 'orders', checkId, trigger: 'timer', vmWrites: {}, views: {} as HealthCheckRecord['views'],
    report: { status: 'Healthy', evaluatedAt, deepProbe: false, nodes: [], findings: [] } };
}

test('GET health: 404 for an unknown or unsafe name; Unknown before any check; latest after', async () => {
  const f = fakes();
  await assert.rejects(getHealthRequest(f.deps, 'nope'), { code: 'CASSOPS_CLUSTER_NOT_FOUND' });
  await assert.rejects(getHealthRequest(f.deps, "x' or PartitionKey ne '"), { code: 'CASSOPS_CLUSTER_NOT_FOUND' });
  assert.equal(((await getHealthRequest(f.deps, 'orders')).body as { status: string }).status, 'Unknown');
  const check = ordersCheck('c1', '2026-03-10T11:55:00.000Z');
  await f.health.recordCheck({ ...check, report: { ...check.report, status: 'Degraded',
    findings: [{ code: 'node-down', severity: 'warning', node: 'orders-n1', message: 'm', action: 'a', since: '2026-03-10T11:50:00.000Z' }] } });
  const body = (await getHealthRequest(f.deps, 'orders')).body as { status: string; findings: { since: string }[] };
  assert.equal(body.status, 'Degraded');
  assert.equal(body.findings[0]!.since, '2026-03-10T11:50:00.000Z');
});

test('GET history: defaults to the last day; pages carry a nextLink; bad queries name the parameter', async () => {
  const f = fakes();
  await f.health.recordCheck(ordersCheck('too-old', '2026-03-09T11:59:59.999Z'));
  for (let i = 0; i < 21; i++) {
    await f.health.recordCheck(ordersCheck(`c${i}`, new Date(Date.parse('2026-03-09T12:00:00.000Z') + i * 60_000).toISOString()));
  }
  type Page = { from: string; to: string; items: { checkId: string }[]; nextLink?: string };
  const page = (await getHealthHistoryRequest(f.deps, 'orders', {})).body as Page;
  assert.deepEqual([page.from, page.to, page.items.length], ['2026-03-09T12:00:00.000Z', '2026-03-10T12:00:00.000Z', 20]);
  const next = Object.fromEntries(new URLSearchParams(page.nextLink?.split('?')[1]));
  const rest = (await getHealthHistoryRequest(f.deps, 'orders', next)).body as Page;
  assert.deepEqual([rest.items.map((i) => i.checkId), rest.nextLink], [['c0'], undefined], 'the last day only, not the older check');
  const cases: [Record<string, string>, string][] = [
    [{ from: 'yesterday' }, 'from'], [{ pageSize: '0' }, 'pageSize'], [{ pageSize: 'ten' }, 'pageSize'],
    [{ from: '2026-03-10T00:00:00Z', to: '2026-03-09T00:00:00Z' }, 'from'], [{ from: '2026-01-01T00:00:00Z', to: '2026-03-09T00:00:00Z' }, 'from'],
    [{ continuationToken: 'bad' }, 'continuationToken'],
  ];
  for (const [query, path] of cases) {
    await assert.rejects(getHealthHistoryRequest(f.deps, 'orders', query), (e: { code: string; issues: { path: string }[] }) =>
      e.code === 'CASSOPS_REQUEST_INVALID' && e.issues.some((i) => i.path === path), JSON.stringify(query));
  }
});

test('POST check: 202 with the operation and where to poll; refused on a cluster that is not Ready', async () => {
  const f = fakes();
  const r = await postHealthCheckRequest(f.deps, 'orders');
  assert.equal(r.status, 202);
  assert.equal(r.headers?.Location, '/api/clusters/orders/health/checks/check-id1');
  assert.deepEqual(f.started, [{ cluster: 'orders', checkId: 'check-id1', trigger: 'api' }]);
  const polled = await getHealthCheckRequest(f.deps, 'orders', 'check-id1');
  assert.equal((polled.body as { status: string }).status, 'Succeeded');
  await assert.rejects(getHealthCheckRequest(f.deps, 'orders', 'check-unknown'), { code: 'CASSOPS_OPERATION_NOT_FOUND' });
  await assert.rejects(postHealthCheckRequest(f.deps, 'building'), { code: 'CASSOPS_REQUEST_INVALID' });
});

test('POST alerts: 202 and queued when well formed; 400 with paths when not', async () => {
  const f = fakes();
  const r = await postAlertRequest(f.deps, vmAlert(`${SUB}/resourcegroups/rg-orders/providers/microsoft.compute/virtualmachines/vm-orders-1`));
  assert.equal(r.status, 202);
  assert.equal(f.queue.received().length, 1);
  await assert.rejects(postAlertRequest(f.deps, { schemaId: 'azureMonitorCommonAlertSchema', data: { essentials: {} } }),
    (e: { code: string; issues: { path: string }[] }) => e.code === 'CASSOPS_REQUEST_INVALID' && e.issues.some((i) => i.path === '$.data.essentials.alertId'));
  assert.equal(f.queue.received().length, 1);
});

test('alert worker: a managed VM triggers one check however often the alert is retried; unmatched is recorded only', async () => {
  const f = fakes();
  const alert = { alert: vmAlert(`${SUB}/resourcegroups/rg-orders/providers/microsoft.compute/virtualmachines/vm-orders-1`) as QueuedAlert['alert'], receivedAt: '2026-03-10T12:00:00.000Z' };
  const first = await processQueuedAlert(f.deps, alert);
  const retry = await processQueuedAlert(f.deps, alert);
  assert.deepEqual({ ...first, checkId: undefined }, { recorded: true, cluster: 'orders', node: 'orders-n1', checkId: undefined });
  assert.equal(retry.recorded, false);
  assert.equal(f.started.length, 1);
  assert.equal(f.started[0]!.trigger, 'alert');
  assert.equal(f.started[0]!.checkId, first.checkId);
  const other = { alert: vmAlert(`${SUB}/resourcegroups/rg-someone-else/providers/microsoft.compute/virtualmachines/vm-x`) as QueuedAlert['alert'], receivedAt: '2026-03-10T12:00:00.000Z' };
  other.alert.data.essentials.alertId += '-2';
  const unmatched = await processQueuedAlert(f.deps, other);
  assert.deepEqual(unmatched, { recorded: true, cluster: undefined, node: undefined, checkId: undefined });
  assert.equal(f.started.length, 1);
  const building = { alert: vmAlert(`${SUB}/resourcegroups/rg-building/providers/microsoft.compute/virtualmachines/vm-building-1`) as QueuedAlert['alert'], receivedAt: '' };
  building.alert.data.essentials.alertId += '-3';
  assert.equal((await processQueuedAlert(f.deps, building)).cluster, undefined, 'clusters not Ready are not checked');
});

test('every health and alert answer matches the schema the OpenAPI document is built from', async () => {
  const f = fakes();
  HealthSchema.parse((await getHealthRequest(f.deps, 'orders')).body);
  const check = ordersCheck('c1', '2026-03-10T11:55:00.000Z');
  await f.health.recordCheck({ ...check, report: { ...check.report, status: 'Degraded',
    nodes: [{ node: 'orders-n1', datacenter: 'dc1', rack: 'rack1', state: 'down' }],
    findings: [{ code: 'node-down', severity: 'warning', node: 'orders-n1', message: 'm', action: 'a', since: '2026-03-10T11:50:00.000Z' }] } });
  HealthSchema.parse((await getHealthRequest(f.deps, 'orders')).body);
  HealthHistorySchema.parse((await getHealthHistoryRequest(f.deps, 'orders', { pageSize: '1' })).body);
  const started = HealthCheckAcceptedSchema.parse((await postHealthCheckRequest(f.deps, 'orders')).body);
  HealthCheckStatusSchema.parse((await getHealthCheckRequest(f.deps, 'orders', started.operationId)).body);
  AlertAcceptedSchema.parse((await postAlertRequest(f.deps, vmAlert(`${SUB}/resourceGroups/rg-orders/providers/Microsoft.Compute/virtualMachines/vm-orders-1`))).body);
});
