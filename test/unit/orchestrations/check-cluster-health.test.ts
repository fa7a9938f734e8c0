import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sweepClusterHealth } from '../../../shared/orchestrations/sweep-cluster-health.js';
import { ACTIVITIES, ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import type { CheckClusterHealthResult } from '../../../shared/contracts/health-io.js';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../shared/domain/health/health-thresholds.js';
import type { HealthCheckRecord } from '../../../shared/domain/health/health-store.js';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';

const NOW = '2026-01-01T00:00:00.000Z';
const nodes = [1, 2, 3].map((i) => ({ name: `n${i}`, datacenter: 'dc1', rack: `r${i}`, address: `127.1.0.${i + 3}`, vmName: `vm${i}`, resourceGroup: 'rg' }));

interface World {
  downAddress?: string; lastDeepProbeAt?: string; operationRunning?: boolean; found?: boolean; previousStatus?: string; failCluster?: string;
  /** The CQL login is refused (system_auth's quorum lost); these addresses' native transport ports refuse connections. */
  loginRefused?: { refused: string[] };
  stoppedVm?: string;
}

function world(options: World) {
  return (task: Scheduled): unknown => {
    switch (task.name) {
      case ACTIVITIES.loadHealthContext:
        if ((task.input as { cluster: string }).cluster === options.failCluster) throw new Error('storage unavailable');
        if (options.found === false) return { found: false, reason: 'cluster c1 is Provisioning, not Ready' };
        return { found: true, nodes, thresholds: DEFAULT_HEALTH_THRESHOLDS, lastDeepProbeAt: options.lastDeepProbeAt, vmWrites: {},
          operationRunning: options.operationRunning ?? false,
          previous: options.previousStatus ? { status: options.previousStatus, evaluatedAt: NOW, findings: [], nodes: [], deepProbe: false } : undefined };
      case ACTIVITIES.probeCqlView:
        if (options.loginRefused) return { observedAt: NOW, reachable: false, error: 'the cluster refused the product\'s CQL login', hosts: [] };
        return { observedAt: NOW, reachable: true, hosts: nodes.map((n) => ({ address: n.address, datacenter: 'dc1', rack: n.rack, up: n.address !== options.downAddress, schemaVersion: 'v' })) };
      case ACTIVITIES.readAzureView:
        return { observedAt: NOW, ok: true, vms: nodes.map((n) => ({ vmName: n.vmName, powerState: n.vmName === options.stoppedVm ? 'stopped' : 'running',
          provisioningState: 'succeeded' })) };
      case ACTIVITIES.probeNativeTransport:
        return { observedAt: NOW, answers: (task.input as { addresses: string[] }).addresses.map((address) =>
          (options.loginRefused?.refused.includes(address)
            ? { address, answer: 'refused', detail: 'port 9042: ECONNREFUSED' } : { address, answer: 'accepted' })) };
      case ACTIVITIES.probeNodeHealth: {
        const node = (task.input as { node: { name: string } }).node.name;
        return { node, observedAt: NOW, ok: true, disk: { mount: '/var/lib/cassandra', sizeBytes: 100, usedBytes: 40, availableBytes: 60, usedPercent: 40 } };
      }
      case ACTIVITIES.recordHealthCheck:
        return { changed: true, becameLatest: true };
      default: throw new Error(`unexpected ${task.name}`);
    }
  };
}

/** Runs checkClusterHealth in the shared fake against `options`' world. */
function check(options: World) {
  const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(options));
  const result = runner.run(ORCHESTRATION_TABLE[ORCHESTRATIONS.checkClusterHealth], input, 'k1') as CheckClusterHealthResult;
  return { result, calls: runner.log, names: runner.names() };
}

const recorded = (calls: Scheduled[]) => (calls.find((c) => c.name === ACTIVITIES.recordHealthCheck)!.input as { record: HealthCheckRecord }).record;
const input = { cluster: 'c1', checkId: 'k1', trigger: 'timer' };

test('healthy cluster probed recently: quick views only, recorded Healthy', () => {
  const { result, calls, names } = check({ lastDeepProbeAt: '2025-12-31T23:55:00.000Z', previousStatus: 'Healthy' });
  assert.equal(result.status, 'Healthy');
  assert.deepEqual(names, [ACTIVITIES.loadHealthContext, ACTIVITIES.probeCqlView, ACTIVITIES.readAzureView, ACTIVITIES.recordHealthCheck]);
  assert.equal(result.deepProbe?.reason, 'not-due');
  assert.equal(recorded(calls).lastDeepProbeAt, '2025-12-31T23:55:00.000Z');
});

test('the CQL view finds a node down: only its VM is probed, and the interval does not restart', () => {
  const { result, calls } = check({ downAddress: '127.1.0.5', lastDeepProbeAt: '2025-12-31T23:55:00.000Z', previousStatus: 'Healthy' });
  assert.equal(result.status, 'Degraded');
  const probes = calls.filter((c) => c.name === ACTIVITIES.probeNodeHealth);
  assert.deepEqual(probes.map((c) => (c.input as { node: { name: string } }).node.name), ['n2']);
  const record = recorded(calls);
  assert.equal(record.report.findings[0]!.code, 'node-down');
  assert.equal(record.report.findings[0]!.node, 'n2');
  assert.equal(record.lastDeepProbeAt, '2025-12-31T23:55:00.000Z');
  assert.deepEqual(Object.keys(record.vmWrites), ['vm2']);
  assert.equal(result.deepProbe?.reason, 'trouble-suspected');
});

test('an alert probes every VM (it may concern any of them) and restarts the interval', () => {
  const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world({ lastDeepProbeAt: '2025-12-31T23:55:00.000Z', previousStatus: 'Healthy' }));
  runner.run(ORCHESTRATION_TABLE[ORCHESTRATIONS.checkClusterHealth], { ...input, trigger: 'alert' }, 'k1');
  assert.equal(runner.log.filter((c) => c.name === ACTIVITIES.probeNodeHealth).length, 3);
  assert.equal(recorded(runner.log).lastDeepProbeAt, NOW);
});

test('the CQL login is refused with a VM stopped and a process killed: the ports tell which nodes are down, quorum lost', () => {
  const { result, calls, names } = check({ loginRefused: { refused: ['127.1.0.5', '127.1.0.6'] }, stoppedVm: 'vm2',
    lastDeepProbeAt: '2025-12-31T23:55:00.000Z', previousStatus: 'Degraded' });
  assert.equal(result.status, 'Critical');
  assert.deepEqual(names.slice(0, 4),
    [ACTIVITIES.loadHealthContext, ACTIVITIES.probeCqlView, ACTIVITIES.readAzureView, ACTIVITIES.probeNativeTransport]);
  assert.deepEqual(calls.find((c) => c.name === ACTIVITIES.probeNativeTransport)!.input, { addresses: nodes.map((n) => n.address) });
  const record = recorded(calls);
  const byCode = (code: string) => record.report.findings.filter((f) => f.code === code).map((f) => f.node ?? f.datacenter);
  assert.deepEqual([byCode('vm-stopped'), byCode('node-down'), byCode('dc-quorum-lost')], [['n2'], ['n3'], ['dc1']]);
  assert.deepEqual(record.views.liveness?.answers,
    { '127.1.0.4': 'accepted', '127.1.0.5': 'refused', '127.1.0.6': 'refused' });
  // df can explain a down process on a running VM, not a stopped VM: only n3's VM gets a Run Command.
  const probed = calls.filter((c) => c.name === ACTIVITIES.probeNodeHealth).map((c) => (c.input as { node: { name: string } }).node.name);
  assert.deepEqual(probed, ['n3']);
});

test('a reachable CQL view: no port is asked', () => {
  const { names } = check({ downAddress: '127.1.0.5', lastDeepProbeAt: '2025-12-31T23:55:00.000Z', previousStatus: 'Healthy' });
  assert.ok(!names.includes(ACTIVITIES.probeNativeTransport));
});

test('a mutating operation holds the cluster: trouble is reported without Run Command', () => {
  const { result, names } = check({ downAddress: '127.1.0.5', operationRunning: true });
  assert.equal(result.status, 'Degraded');
  assert.ok(!names.includes(ACTIVITIES.probeNodeHealth));
  assert.equal(result.deepProbe?.reason, 'operation-running');
});

test('a cluster that is not Ready is skipped without recording', () => {
  const { result, names } = check({ found: false });
  assert.equal(result.status, 'Skipped');
  assert.match(result.reason ?? '', /Provisioning/);
  assert.deepEqual(names, [ACTIVITIES.loadHealthContext]);
});

test('sweep: each due cluster in its own sub-orchestration, at most `concurrency` at once, a failure reported not rethrown', () => {
  const clusters = ['a', 'b', 'c', 'd', 'e'];
  const healthy = world({ lastDeepProbeAt: '2025-12-31T23:55:00.000Z', previousStatus: 'Healthy', failCluster: 'c' });
  const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE,
    (task) => (task.name === ACTIVITIES.listClustersDueForHealth ? { clusters } : healthy(task)));
  const result = runner.run(sweepClusterHealth, { sweepId: 'sweep-1', concurrency: 2 }, 'sweep-1') as CheckClusterHealthResult[];
  const subBatches = runner.batches.filter((batch) => batch.every((c) => c.kind === 'sub'));
  assert.deepEqual(subBatches.map((batch) => batch.length), [2, 2, 1]);
  assert.deepEqual(runner.log.filter((c) => c.kind === 'sub').map((c) => c.instanceId), clusters.map((c) => `sweep-1:${c}`));
  assert.deepEqual(result.map((r) => `${r.cluster}:${r.status}`), ['a:Healthy', 'b:Healthy', 'c:Skipped', 'd:Healthy', 'e:Healthy']);
});
