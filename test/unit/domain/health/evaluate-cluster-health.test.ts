import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateClusterHealth } from '../../../../shared/domain/health/evaluate-cluster-health.js';
import { DEFAULT_HEALTH_THRESHOLDS, HealthThresholdsSchema } from '../../../../shared/domain/health/health-thresholds.js';
import type { HealthReport } from '../../../../shared/domain/health/health-report.js';
import type { HealthViews } from '../../../../shared/domain/health/health-views.js';
import { parseNodetoolStatus } from '../../../../shared/domain/health/parse-nodetool-status.js';
import { probeFrom, setHost, setVm, threeNodeViews } from './health-scenario.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:05:00.000Z';
const evaluate = (views: HealthViews, previous?: HealthReport, now = T0) => evaluateClusterHealth(views, DEFAULT_HEALTH_THRESHOLDS, previous, now);
const codes = (r: HealthReport) => r.findings.map((f) => `${f.code}:${f.node ?? f.datacenter ?? ''}:${f.severity}`).sort();
const allProbes = (v: HealthViews, statusCodes: Record<string, string> = {}) => { v.probes = v.nodes.map((n) => probeFrom(v, n.name, statusCodes)); };

const cases: { name: string; arrange: (v: HealthViews) => void; status: string; findings: string[] }[] = [
  { name: 'all up, CQL view only', arrange: () => undefined, status: 'Healthy', findings: [] },
  { name: 'all up with deep probe', arrange: (v) => allProbes(v), status: 'Healthy', findings: [] },
  { name: 'process killed: driver and peers see it down, VM runs', arrange: (v) => {
    setHost(v, '127.1.0.6', { up: false });
    v.probes = [probeFrom(v, 'n1', { n3: 'DN' }), probeFrom(v, 'n2', { n3: 'DN' }),
      { node: 'n3', observedAt: T0, ok: true, error: 'status: exit 1', disk: { mount: '/', sizeBytes: 1, usedBytes: 0, availableBytes: 1, usedPercent: 0 } }];
  }, status: 'Degraded', findings: ['node-down:n3:warning'] },
  { name: 'process just killed: peers still see it UN (gossip lag) but the driver and its own probe cannot reach it', arrange: (v) => {
    setHost(v, '127.1.0.6', { up: false });
    v.probes = [probeFrom(v, 'n1', {}), probeFrom(v, 'n2', {}),
      { node: 'n3', observedAt: T0, ok: true, error: 'status: exit 1', disk: { mount: '/', sizeBytes: 1, usedBytes: 0, availableBytes: 1, usedPercent: 0 } }];
  }, status: 'Degraded', findings: ['node-down:n3:warning'] },
  { name: 'driver cannot reach a node its peers and its own nodetool see up: not serving clients', arrange: (v) => {
    setHost(v, '127.1.0.6', { up: false });
    v.probes = v.nodes.map((n) => probeFrom(v, n.name, {}));
  }, status: 'Degraded', findings: ['node-not-serving:n3:warning'] },
  { name: 'process killed, CQL view only', arrange: (v) => setHost(v, '127.1.0.6', { up: false }), status: 'Degraded', findings: ['node-down:n3:warning'] },
  { name: 'VM stopped: the VM finding replaces node-down', arrange: (v) => { setHost(v, '127.1.0.5', { up: false }); setVm(v, 'vm-n2', { powerState: 'stopped' }); },
    status: 'Degraded', findings: ['vm-stopped:n2:warning'] },
  { name: 'VM deallocated', arrange: (v) => { setHost(v, '127.1.0.5', { up: false }); setVm(v, 'vm-n2', { powerState: 'deallocated' }); },
    status: 'Degraded', findings: ['vm-deallocated:n2:warning'] },
  { name: 'node sees itself up while peers see it down (gossip partition)', arrange: (v) => {
    v.probes = [probeFrom(v, 'n1', { n2: 'DN' }), probeFrom(v, 'n2', {}), probeFrom(v, 'n3', { n2: 'DN' })];
  }, status: 'Degraded', findings: ['node-not-seen-by-peers:n2:warning'] },
  { name: 'joining node UJ is information, not trouble', arrange: (v) => {
    setHost(v, '127.1.0.6', { up: false });
    v.probes = [probeFrom(v, 'n1', { n3: 'UJ' }), probeFrom(v, 'n2', { n3: 'UJ' }), probeFrom(v, 'n3', { n3: 'UJ' })];
  }, status: 'Healthy', findings: ['node-joining:n3:info'] },
  { name: 'two racks down in an RF 3 DC: quorum lost', arrange: (v) => { setHost(v, '127.1.0.4', { up: false }); setHost(v, '127.1.0.5', { up: false }); },
    status: 'Critical', findings: ['dc-quorum-lost:dc1:critical', 'node-down:n1:warning', 'node-down:n2:warning'] },
  { name: 'schema disagreement among live hosts', arrange: (v) => setHost(v, '127.1.0.6', { schemaVersion: 'v2' }), status: 'Degraded', findings: ['schema-disagreement::warning'] },
  { name: 'disk at 85 % warns, at 93 % is critical', arrange: (v) => {
    allProbes(v);
    v.probes[0]!.disk = { mount: '/d', sizeBytes: 100, usedBytes: 85, availableBytes: 15, usedPercent: 85 };
    v.probes[1]!.disk = { mount: '/d', sizeBytes: 100, usedBytes: 93, availableBytes: 7, usedPercent: 93 };
  }, status: 'Critical', findings: ['disk-usage-high:n1:warning', 'disk-usage-high:n2:critical'] },
  { name: 'pending compactions above threshold', arrange: (v) => { allProbes(v); v.probes[2]!.pendingCompactions = 250; }, status: 'Degraded', findings: ['pending-compactions-high:n3:warning'] },
  { name: 'native transport disabled', arrange: (v) => { allProbes(v); v.probes[0]!.info = { gossipActive: true, nativeTransportActive: false }; }, status: 'Degraded', findings: ['node-not-serving:n1:warning'] },
  { name: 'CQL view unreachable and no probe: Unknown', arrange: (v) => { v.cql = { observedAt: T0, reachable: false, error: 'NoHostAvailableError', hosts: [] }; }, status: 'Unknown', findings: ['view-unavailable::info'] },
  { name: 'every process gone: the probe still reaches the VMs, so Critical not Unknown', arrange: (v) => {
    v.cql = { observedAt: T0, reachable: false, error: 'NoHostAvailableError', hosts: [] };
    v.probes = v.nodes.map((n) => ({ node: n.name, observedAt: T0, ok: true, error: 'status: exit 1', disk: { mount: '/', sizeBytes: 1, usedBytes: 0, availableBytes: 1, usedPercent: 0 } }));
  }, status: 'Critical', findings: ['dc-quorum-lost:dc1:critical', 'node-down:n1:warning', 'node-down:n2:warning', 'node-down:n3:warning', 'view-unavailable::info'] },
  { name: 'a host the product does not manage', arrange: (v) => { v.cql.hosts.push({ address: '127.1.0.99', datacenter: 'dc1', rack: 'rack1', up: false, hostId: 'abc' }); },
    status: 'Degraded', findings: ['unknown-node:dc1:warning'] },
  { name: 'an empty DC in the inventory and the ring is harmless', arrange: (v) => {
    // n1 reports a DC header with no rows under it (every node of dc2 already removed).
    const ring = v.nodes.map((n) => `UN  ${n.address}  104.34 KiB  16  100.0%  2c9b7f0e-7f8a-4f9f-9d9f-0123456789ab  ${n.rack}`).join('\n');
    const status = parseNodetoolStatus(`Datacenter: dc1\n${ring}\nDatacenter: dc2\n===============\n--  Address  Load  Tokens  Owns (effective)  Host ID  Rack\n`);
    assert.equal(status.length, 3);
    v.probes = v.nodes.map((n) => ({ ...probeFrom(v, n.name, {}), status }));
  }, status: 'Healthy', findings: [] },
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
  const down = threeNodeViews(T0);
  setHost(down, '127.1.0.6', { up: false });
  const first = evaluate(down, undefined, T0);
  const second = evaluate(down, first, T1);
  assert.equal(second.findings[0]!.since, T0);
  const healthy = evaluate(threeNodeViews(T1), second, T1);
  assert.equal(healthy.status, 'Healthy');
  const again = evaluate(down, healthy, '2026-01-01T00:10:00.000Z');
  assert.equal(again.findings[0]!.since, '2026-01-01T00:10:00.000Z');
});

test('probe findings persist between deep probes; dropped mutations count only new drops', () => {
  const probed = threeNodeViews(T0);
  allProbes(probed);
  probed.probes[0]!.disk = { mount: '/d', sizeBytes: 100, usedBytes: 85, availableBytes: 15, usedPercent: 85 };
  probed.probes[1]!.droppedMutations = 12;
  const first = evaluate(probed, undefined, T0);
  assert.deepEqual(codes(first), ['disk-usage-high:n1:warning', 'dropped-mutations:n2:warning']);
  const cqlOnly = evaluate(threeNodeViews(T1), first, T1);
  assert.deepEqual(codes(cqlOnly), ['disk-usage-high:n1:warning', 'dropped-mutations:n2:warning']);
  assert.equal(cqlOnly.findings[0]!.since, T0);
  assert.equal(cqlOnly.nodes[0]!.diskUsedPercent, 85);
  const reprobed = threeNodeViews(T1);
  allProbes(reprobed);
  reprobed.probes[1]!.droppedMutations = 12;
  assert.deepEqual(codes(evaluate(reprobed, cqlOnly, T1)), []);
  reprobed.probes[1]!.droppedMutations = 3; // fewer than before: the node restarted, all 3 are new
  assert.deepEqual(codes(evaluate(reprobed, cqlOnly, T1)), ['dropped-mutations:n2:warning']);
});

test('one rack down in a three-rack RF 3 DC keeps quorum even with two nodes down', () => {
  const views = threeNodeViews(T0);
  views.nodes.push({ name: 'n4', datacenter: 'dc1', rack: 'rack3', address: '127.1.0.7', vmName: 'vm-n4' });
  views.cql.hosts.push({ address: '127.1.0.7', datacenter: 'dc1', rack: 'rack3', up: false });
  setHost(views, '127.1.0.6', { up: false });
  const report = evaluate(views);
  assert.equal(report.status, 'Degraded');
  assert.ok(!report.findings.some((f) => f.code === 'dc-quorum-lost'));
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
