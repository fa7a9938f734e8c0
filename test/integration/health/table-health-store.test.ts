import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { startAzurite, type AzuriteInstance } from '../../../local/azurite/start-azurite.js';
import { TableHealthStore } from '../../../shared/adapters/state/table-health-store.js';
import { ClusterEventsQueue, CLUSTER_EVENTS_QUEUE, decodeClusterEvent } from '../../../shared/adapters/queues/cluster-events-queue.js';
import { decideHealthEvent, type HealthCheckRecord } from '../../../shared/domain/health/health-store.js';
import type { HealthStatus } from '../../../shared/domain/health/health-report.js';

let azurite: AzuriteInstance;
let dir: string;
let store: TableHealthStore;
let events: ClusterEventsQueue;
let queue: QueueClient;
let history: TableClient;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'health-store-'));
  azurite = await startAzurite({ location: dir });
  const table = (name: string) => TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });
  history = table('HealthHistory');
  store = new TableHealthStore({ latest: table('HealthLatest'), history, alerts: table('HealthAlerts') });
  await store.ensureTables();
  queue = new QueueClient(azurite.connectionString, CLUSTER_EVENTS_QUEUE);
  events = new ClusterEventsQueue(queue);
  await events.ensureQueue();
});

after(async () => {
  await azurite.stop();
  rmSync(dir, { recursive: true, force: true });
});

function check(cluster: string, checkId: string, evaluatedAt: string, status: HealthStatus, nodeCount = 3): HealthCheckRecord {
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({ node: `n${i}`, datacenter: 'dc1', rack: `rack${i % 3}`, state: 'up' as const, diskUsedPercent: 40 + i / 10 }));
  const findings = status === 'Healthy' ? [] : [{ code: 'node-down' as const, severity: 'warning' as const, node: 'n2', datacenter: 'dc1', message: 'Node n2 is down.', action: 'Restart it.', since: evaluatedAt }];
  return {
    cluster, checkId, trigger: 'timer',
    report: { status, evaluatedAt, findings, nodes, deepProbe: false },
    views: { cql: { observedAt: evaluatedAt, reachable: true, up: [], down: [], schemaVersions: 1 }, azure: { observedAt: evaluatedAt, ok: true, power: {} }, probes: {} },
    vmWrites: {},
  };
}

test('latest cluster and node health are point reads after a check is recorded', async () => {
  const first = await store.recordCheck(check('alpha', 'c1', '2026-03-01T10:00:00.000Z', 'Healthy'));
  assert.deepEqual(first, { becameLatest: true, replacedStatus: undefined, replacedCheckId: undefined });
  const latest = await store.getLatest('alpha');
  assert.equal(latest?.report.status, 'Healthy');
  assert.equal(latest?.checkId, 'c1');
  assert.equal((await store.getNodeLatest('alpha', 'n1'))?.diskUsedPercent, 40.1);
  assert.equal(await store.getLatest('nobody'), undefined);
  assert.equal(await store.getNodeLatest('alpha', 'n9'), undefined);
});

test('a status change reports the replaced status once and its event reaches cluster-events', async () => {
  const record = check('beta', 'b1', '2026-03-01T10:00:00.000Z', 'Healthy');
  const r1 = await store.recordCheck(record);
  assert.ok(decideHealthEvent(record, r1.replacedStatus, r1.becameLatest), 'first status is a change from nothing');
  const degraded = check('beta', 'b2', '2026-03-01T10:05:00.000Z', 'Degraded');
  const r2 = await store.recordCheck(degraded);
  assert.equal(r2.replacedStatus, 'Healthy');
  const event = decideHealthEvent(degraded, r2.replacedStatus, r2.becameLatest);
  assert.ok(event);
  await events.publish(event);
  const same = check('beta', 'b3', '2026-03-01T10:10:00.000Z', 'Degraded');
  const r3 = await store.recordCheck(same);
  assert.equal(decideHealthEvent(same, r3.replacedStatus, r3.becameLatest), undefined, 'no change, no event');
  const received = await queue.receiveMessages({ numberOfMessages: 32 });
  const decoded = received.receivedMessageItems.map((m) => decodeClusterEvent(m.messageText)).filter((e) => e.cluster === 'beta');
  assert.deepEqual(decoded.map((e) => `${e.previousStatus}->${e.status}`), ['Healthy->Degraded']);
  assert.equal(decoded[0]!.findings[0]!.node, 'n2');
});

test('a retried record is idempotent; a check older than the latest goes to history only', async () => {
  const newer = check('gamma', 'g2', '2026-03-01T11:00:00.000Z', 'Degraded');
  await store.recordCheck(check('gamma', 'g1', '2026-03-01T10:00:00.000Z', 'Healthy'));
  const once = await store.recordCheck(newer);
  const again = await store.recordCheck(newer);
  assert.deepEqual(again, once);
  const stale = await store.recordCheck(check('gamma', 'g0', '2026-03-01T10:30:00.000Z', 'Critical'));
  assert.equal(stale.becameLatest, false);
  assert.equal((await store.getLatest('gamma'))?.checkId, 'g2');
  const page = await store.listHistory('gamma', { from: '2026-03-01T00:00:00.000Z', to: '2026-03-01T23:59:59.999Z', pageSize: 50 });
  assert.deepEqual(page.items.map((i) => i.checkId), ['g2', 'g0', 'g1']);
});

test('concurrent checks: the newest wins and exactly one claims each replaced status', async () => {
  const records = Array.from({ length: 6 }, (_, i) => check('delta', `d${i}`, `2026-03-01T12:0${i}:00.000Z`, i % 2 === 0 ? 'Healthy' : 'Degraded'));
  const results = await Promise.all(records.map((r) => store.recordCheck(r)));
  assert.equal((await store.getLatest('delta'))?.checkId, 'd5');
  // ETags: each stored version is superseded by at most one writer, so no two claim the same one.
  const claims = results.filter((r) => r.becameLatest).map((r) => r.replacedCheckId ?? 'none');
  assert.equal(new Set(claims).size, claims.length, claims.join(','));
  for (const r of results.filter((x) => x.becameLatest && x.replacedCheckId)) {
    assert.equal(r.replacedStatus, records.find((x) => x.checkId === r.replacedCheckId)!.report.status);
  }
});

test('history: one partition per cluster-day, newest first, paged across days and bounded by from/to', async () => {
  const times: string[] = [];
  for (let i = 0; i < 25; i++) times.push(new Date(Date.parse('2026-03-02T20:00:00.000Z') + i * 15 * 60_000).toISOString());
  for (const [i, t] of times.entries()) await store.recordCheck(check('eps', `e${String(i).padStart(2, '0')}`, t, 'Healthy'));
  const day2 = history.listEntities({ queryOptions: { filter: "PartitionKey eq 'eps|2026-03-02'" } });
  let count = 0;
  for await (const _ of day2) count++;
  assert.equal(count, 16, 'checks from 20:00 to 23:45 share the 2026-03-02 partition');
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await store.listHistory('eps', { from: times[2]!, to: times[22]!, pageSize: 8, continuationToken: token });
    seen.push(...page.items.map((i) => i.checkId));
    token = page.continuationToken;
    pages++;
  } while (token);
  assert.equal(pages, 3);
  const expected = Array.from({ length: 21 }, (_, k) => `e${String(22 - k).padStart(2, '0')}`);
  assert.deepEqual(seen, expected);
  await assert.rejects(store.listHistory('eps', { from: times[0]!, to: times[1]!, pageSize: 5, continuationToken: 'garbage' }), /continuationToken/);
});

test('alerts: recorded once per alert id and monitor condition', async () => {
  const alert = { alertId: '/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/a1', monitorCondition: 'Fired', alertRule: 'vm-availability',
    severity: 'Sev1', signalType: 'Metric', receivedAt: '2026-03-01T10:00:00.000Z', targets: ['/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm1'] };
  assert.deepEqual(await store.recordAlert(alert), { recorded: true });
  assert.deepEqual(await store.recordAlert({ ...alert, receivedAt: '2026-03-01T10:00:05.000Z' }), { recorded: false });
  assert.deepEqual(await store.recordAlert({ ...alert, monitorCondition: 'Resolved' }), { recorded: true });
  assert.equal((await store.getAlert(alert.alertId, 'Fired'))?.receivedAt, '2026-03-01T10:00:00.000Z');
});

test('a 300-node report is split across properties and read back whole', async () => {
  const big = check('zeta', 'z1', '2026-03-01T10:00:00.000Z', 'Degraded', 300);
  await store.recordCheck(big);
  const latest = await store.getLatest('zeta');
  assert.equal(latest?.report.nodes.length, 300);
  assert.deepEqual(latest?.report, big.report);
  assert.equal((await store.getNodeLatest('zeta', 'n299'))?.rack, 'rack2');
});
