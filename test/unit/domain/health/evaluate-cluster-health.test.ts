import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateClusterHealth } from '../../../../shared/domain/health/evaluate-cluster-health.js';
import { DEFAULT_HEALTH_THRESHOLDS, HealthThresholdsSchema } from '../../../../shared/domain/health/health-thresholds.js';
import type { HealthReport } from '../../../../shared/domain/health/health-report.js';
import type { HealthViews } from '../../../../shared/domain/health/health-views.js';
import { diskProbe, loginRefused, setHost, setStats, setVm, threeNodeViews } from './health-scenario.js';
import { backupRecord, drillRecord } from '../../../support/backup-fixtures.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:05:00.000Z';
const evaluate = (views: HealthViews, previous?: HealthReport, now = T0) => evaluateClusterHealth(views, DEFAULT_HEALTH_THRESHOLDS, previous, now);
const codes = (r: HealthReport) => r.findings.map((f) => `${f.code}:${f.node ?? f.datacenter ?? ''}:${f.severity}`).sort();
const allProbes = (v: HealthViews) => { v.probes = v.nodes.map((n) => diskProbe(v, n.name)); };
/** A host whose process is gone: it answers no pinned query, so it has no counters either. */
const down = (v: HealthViews, address: string) => setHost(v, address, { up: false, stats: undefined });

const cases: { name: string; arrange: (v: HealthViews) => void; status: string; findings: string[] }[] = [
  { name: 'all up, CQL view only', arrange: () => undefined, status: 'Healthy', findings: [] },
  { name: 'all up with the disk probe', arrange: (v) => allProbes(v), status: 'Healthy', findings: [] },
  { name: 'process killed: the pinned query fails while the VM runs', arrange: (v) => down(v, '127.1.0.6'), status: 'Degraded', findings: ['node-down:n3:warning'] },
  { name: 'process killed, disk probe ran too: still node-down, disk fine', arrange: (v) => { down(v, '127.1.0.6'); allProbes(v); },
    status: 'Degraded', findings: ['node-down:n3:warning'] },
  { name: 'VM stopped: the VM finding replaces node-down', arrange: (v) => { down(v, '127.1.0.5'); setVm(v, 'vm-n2', { powerState: 'stopped' }); },
    status: 'Degraded', findings: ['vm-stopped:n2:warning'] },
  { name: 'VM deallocated', arrange: (v) => { down(v, '127.1.0.5'); setVm(v, 'vm-n2', { powerState: 'deallocated' }); },
    status: 'Degraded', findings: ['vm-deallocated:n2:warning'] },
  { name: 'VM deleted from under the node: vm-missing replaces node-down', arrange: (v) => { down(v, '127.1.0.5'); setVm(v, 'vm-n2', { powerState: 'unknown', provisioningState: 'notFound' }); },
    status: 'Degraded', findings: ['vm-missing:n2:warning'] },
  { name: 'VM provisioning failed', arrange: (v) => setVm(v, 'vm-n1', { provisioningState: 'failed' }), status: 'Degraded', findings: ['vm-provisioning-failed:n1:warning'] },
  { name: 'joining node (gossip BOOT) answers no CQL yet: information, not trouble', arrange: (v) => {
    setHost(v, '127.1.0.6', { up: false, stats: undefined, gossipStatus: 'BOOT' });
  }, status: 'Healthy', findings: ['node-joining:n3:info'] },
  { name: 'leaving and moving nodes', arrange: (v) => { setHost(v, '127.1.0.4', { gossipStatus: 'LEAVING' }); setHost(v, '127.1.0.5', { gossipStatus: 'MOVING' }); },
    status: 'Healthy', findings: ['node-leaving:n1:info', 'node-moving:n2:info'] },
  { name: 'two racks down in an RF 3 DC: quorum lost', arrange: (v) => { down(v, '127.1.0.4'); down(v, '127.1.0.5'); },
    status: 'Critical', findings: ['dc-quorum-lost:dc1:critical', 'node-down:n1:warning', 'node-down:n2:warning'] },
  { name: 'schema disagreement among live hosts', arrange: (v) => setHost(v, '127.1.0.6', { schemaVersion: 'v2' }), status: 'Degraded', findings: ['schema-disagreement::warning'] },
  { name: 'disk at 85 % warns, at 93 % is critical', arrange: (v) => {
    v.probes = [diskProbe(v, 'n1', 85), diskProbe(v, 'n2', 93), diskProbe(v, 'n3')];
  }, status: 'Critical', findings: ['disk-usage-high:n1:warning', 'disk-usage-high:n2:critical'] },
  { name: 'pending compactions above threshold', arrange: (v) => setStats(v, '127.1.0.6', { pendingCompactions: 250 }), status: 'Degraded',
    findings: ['pending-compactions-high:n3:warning'] },
  { name: 'hints held for a peer for over 30 min', arrange: (v) => setStats(v, '127.1.0.4', { hintFiles: 2, oldestHintAt: '2025-12-31T23:00:00.000Z' }),
    status: 'Degraded', findings: ['hints-pending:n1:warning'] },
  { name: 'fresh hints are normal (a peer restarting)', arrange: (v) => setStats(v, '127.1.0.4', { hintFiles: 1, oldestHintAt: '2025-12-31T23:59:00.000Z' }),
    status: 'Healthy', findings: [] },
  { name: 'native transport disabled: gossip says RPC not ready', arrange: (v) => setHost(v, '127.1.0.4', { rpcReady: false }), status: 'Degraded',
    findings: ['node-not-serving:n1:warning'] },
  { name: 'CQL view unreachable and no probe: Unknown', arrange: (v) => { v.cql = { observedAt: T0, reachable: false, error: 'NoHostAvailableError', hosts: [] }; }, status: 'Unknown', findings: ['view-unavailable::info'] },
  { name: 'login refused, every port accepts: each node is up, only the view is missing', arrange: (v) => loginRefused(v),
    status: 'Healthy', findings: ['view-unavailable::info'] },
  { name: 'login refused, two ports refuse: both nodes down, two racks down lose quorum', arrange: (v) => loginRefused(v,
    { '127.1.0.5': 'refused', '127.1.0.6': 'refused' }),
  status: 'Critical', findings: ['dc-quorum-lost:dc1:critical', 'node-down:n2:warning', 'node-down:n3:warning', 'view-unavailable::info'] },
  { name: 'login refused, one VM stopped and one process killed (the health story): vm-stopped, node-down, quorum lost', arrange: (v) => {
    loginRefused(v, { '127.1.0.5': 'refused', '127.1.0.6': 'refused' });
    setVm(v, 'vm-n2', { powerState: 'stopped' });
  }, status: 'Critical', findings: ['dc-quorum-lost:dc1:critical', 'node-down:n3:warning', 'view-unavailable::info', 'vm-stopped:n2:warning'] },
  { name: 'login refused, one port silent: that node cannot be told, the others are up', arrange: (v) => loginRefused(v, { '127.1.0.6': 'silent' }),
    status: 'Unknown', findings: ['probe-failed:n3:info', 'view-unavailable::info'] },
  { name: 'login refused, every port silent: nothing is told, no quorum is judged', arrange: (v) => loginRefused(v,
    { '127.1.0.4': 'silent', '127.1.0.5': 'silent', '127.1.0.6': 'silent' }),
  status: 'Unknown', findings: ['probe-failed:n1:info', 'probe-failed:n2:info', 'probe-failed:n3:info', 'view-unavailable::info'] },
  { name: 'a reachable CQL view decides: a port answer beside it is not used', arrange: (v) => {
    v.liveness = { observedAt: T0, answers: [{ address: '127.1.0.4', answer: 'refused' }] };
  }, status: 'Healthy', findings: [] },
  { name: 'a failed disk probe is information', arrange: (v) => { v.probes = [{ node: 'n1', observedAt: T0, ok: false, error: 'Run Command throttled' }]; },
    status: 'Healthy', findings: ['probe-failed:n1:info'] },
  { name: 'a host the product does not manage', arrange: (v) => { v.cql.hosts.push({ address: '127.1.0.99', datacenter: 'dc1', rack: 'rack1', up: false, hostId: 'abc' }); },
    status: 'Degraded', findings: ['unknown-node:dc1:warning'] },
  { name: 'no nodes at all: Unknown', arrange: (v) => { v.nodes = []; v.cql.hosts = []; v.azure.vms = []; }, status: 'Unknown', findings: [] },
];

for (const c of cases) {
  test(`evaluate: ${c.name}`, () => {
    const views = threeNodeViews(T0);
    c.arrange(views);
    const report = evaluate(views);
    assert.equal(report.status, c.status, JSON.stringify(report.findings));
    assert.deepEqual(codes(report), c.findings);
    for (const f of report.findings) assert.ok(f.action.length > 10 && f.message.length > 10, f.code);
  });
}

test('since is carried from the previous evaluation; a cleared finding starts afresh', () => {
  const downed = threeNodeViews(T0);
  down(downed, '127.1.0.6');
  const first = evaluate(downed, undefined, T0);
  const second = evaluate(downed, first, T1);
  assert.equal(second.findings[0]!.since, T0);
  const healthy = evaluate(threeNodeViews(T1), second, T1);
  assert.equal(healthy.status, 'Healthy');
  const back = evaluate(downed, healthy, '2026-01-01T00:10:00.000Z');
  assert.equal(back.findings[0]!.since, '2026-01-01T00:10:00.000Z');
});

test('a node found down by its pinned query and then by its refused port is one finding: its since carries across', () => {
  const killed = threeNodeViews(T0);
  down(killed, '127.1.0.6');
  const first = evaluate(killed, undefined, T0);
  const refused = threeNodeViews(T1);
  loginRefused(refused, { '127.1.0.5': 'refused', '127.1.0.6': 'refused' });
  setVm(refused, 'vm-n2', { powerState: 'stopped' });
  const second = evaluate(refused, first, T1);
  assert.equal(second.status, 'Critical');
  const nodeDown = second.findings.find((f) => f.code === 'node-down');
  assert.deepEqual([nodeDown?.node, nodeDown?.since], ['n3', T0]);
  assert.match(nodeDown?.message ?? '', /refuses connections/);
  assert.deepEqual(second.nodes.map((n) => n.state), ['up', 'down', 'down']);
  assert.match(second.findings.find((f) => f.code === 'view-unavailable')?.message ?? '', /native transport port instead/);
});

test('disk findings persist between disk probes; counter findings persist while a host does not answer; drops count only new ones', () => {
  const probed = threeNodeViews(T0);
  probed.probes = [diskProbe(probed, 'n1', 85)];
  setStats(probed, '127.1.0.5', { droppedMessages: 12 });
  const first = evaluate(probed, undefined, T0);
  assert.deepEqual(codes(first), ['disk-usage-high:n1:warning', 'dropped-mutations:n2:warning']);
  const silent = threeNodeViews(T1);
  setHost(silent, '127.1.0.5', { stats: undefined });
  const carried = evaluate(silent, first, T1);
  assert.deepEqual(codes(carried), ['disk-usage-high:n1:warning', 'dropped-mutations:n2:warning']);
  assert.equal(carried.findings[0]!.since, T0);
  assert.equal(carried.nodes[0]!.diskUsedPercent, 85);
  const again = threeNodeViews(T1);
  setStats(again, '127.1.0.5', { droppedMessages: 12 });
  assert.deepEqual(codes(evaluate(again, carried, T1)), ['disk-usage-high:n1:warning']);
  setStats(again, '127.1.0.5', { droppedMessages: 3 }); // fewer than before: the node restarted, all 3 are new
  assert.deepEqual(codes(evaluate(again, carried, T1)), ['disk-usage-high:n1:warning', 'dropped-mutations:n2:warning']);
});

test('one rack down in a three-rack RF 3 DC keeps quorum even with two nodes down', () => {
  const views = threeNodeViews(T0);
  views.nodes.push({ name: 'n4', datacenter: 'dc1', rack: 'rack3', address: '127.1.0.7', vmName: 'vm-n4' });
  views.cql.hosts.push({ address: '127.1.0.7', datacenter: 'dc1', rack: 'rack3', up: false });
  down(views, '127.1.0.6');
  const report = evaluate(views);
  assert.equal(report.status, 'Degraded');
  assert.ok(!report.findings.some((f) => f.code === 'dc-quorum-lost'));
});

test('backup findings come from the backup history: critical with no complete backup past the threshold, since the threshold was crossed', () => {
  // The backup fixtures count hours from 2026-01-01T00:00Z; the cluster is 40 h old, its only backup failed.
  const views = threeNodeViews('2026-01-02T16:00:00.000Z');
  const failed = backupRecord('c1', 'b1', 10, { status: 'Partial', nodesMissing: ['n3'], endedAt: '2026-01-01T11:00:00.000Z' });
  views.backupHistory = { clusterCreatedAt: '2026-01-01T00:00:00.000Z', backups: [failed], drills: [] };
  const previous = evaluate(views, undefined, '2026-01-02T15:55:00.000Z');
  const report = evaluate(views, previous, '2026-01-02T16:00:00.000Z');
  assert.equal(report.status, 'Critical');
  assert.deepEqual(codes(report), ['backup-failed::warning', 'backup-stale::critical']);
  assert.deepEqual(report.findings.map((f) => [f.code, f.since]),
    [['backup-stale', '2026-01-02T12:00:00.000Z'], ['backup-failed', '2026-01-01T11:00:00.000Z']], 'the records\' own times, not the check\'s');
  const complete = backupRecord('c1', 'b2', 39, { status: 'Complete', manifestBlob: 'm', endedAt: '2026-01-02T15:30:00.000Z' });
  views.backupHistory = { ...views.backupHistory, backups: [complete, failed], drills: [drillRecord('c1', 'd1', 39.8, { status: 'Succeeded',
    endedAt: '2026-01-02T15:59:00.000Z' })] };
  assert.equal(evaluate(views, report, '2026-01-02T16:00:00.000Z').status, 'Healthy', 'a fresh complete backup proven by a drill clears them');
  assert.equal(evaluate({ ...views, backupHistory: undefined }, report, '2026-01-02T16:00:00.000Z').status, 'Healthy', 'no history read: no finding');
});

test('thresholds are configurable and bad ones are rejected naming the field', () => {
  const strict = HealthThresholdsSchema.parse({ diskWarningPercent: 30, diskCriticalPercent: 50 });
  const views = threeNodeViews(T0);
  allProbes(views);
  assert.equal(evaluateClusterHealth(views, strict, undefined, T0).status, 'Degraded');
  const bad = HealthThresholdsSchema.safeParse({ diskWarningPercent: 95, diskCriticalPercent: 90, pendingCompactionsWarning: -1 });
  assert.equal(bad.success, false);
  const paths = bad.error!.issues.map((i) => i.path.join('.'));
  assert.ok(paths.includes('pendingCompactionsWarning'), paths.join(','));
});
