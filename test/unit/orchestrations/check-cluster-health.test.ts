import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkClusterHealth } from '../../../shared/orchestrations/check-cluster-health.js';
import { sweepClusterHealth } from '../../../shared/orchestrations/sweep-cluster-health.js';
import { HEALTH_ACTIVITIES } from '../../../shared/contracts/health-io.js';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../shared/domain/health/health-thresholds.js';
import type { HealthCheckRecord } from '../../../shared/domain/health/health-store.js';
import { runOrchestration, type FakeTask } from './fake-health-context.js';

const NOW = '2026-01-01T00:00:00.000Z';
const nodes = [1, 2, 3].map((i) => ({ name: `n${i}`, datacenter: 'dc1', rack: `r${i}`, address: `127.1.0.${i + 3}`, vmName: `vm${i}`, resourceGroup: 'rg' }));

function world(options: { downAddress?: string; lastDeepProbeAt?: string; operationRunning?: boolean; found?: boolean; previousStatus?: string }) {
  return (task: FakeTask): unknown => {
    switch (task.name) {
      case HEALTH_ACTIVITIES.loadHealthContext:
        if (options.found === false) return { found: false, reason: 'cluster c1 is Provisioning, not Ready' };
        return { found: true, nodes, thresholds: DEFAULT_HEALTH_THRESHOLDS, lastDeepProbeAt: options.lastDeepProbeAt, vmWrites: {},
          operationRunning: options.operationRunning ?? false,
          previous: options.previousStatus ? { status: options.previousStatus, evaluatedAt: NOW, findings: [], nodes: [], deepProbe: false } : undefined };
      case HEALTH_ACTIVITIES.probeCqlView:
        return { observedAt: NOW, reachable: true, hosts: nodes.map((n) => ({ address: n.address, datacenter: 'dc1', rack: n.rack, up: n.address !== options.downAddress, schemaVersion: 'v' })) };
      case HEALTH_ACTIVITIES.readAzureView:
        return { observedAt: NOW, ok: true, vms: nodes.map((n) => ({ vmName: n.vmName, powerState: 'running', provisioningState: 'succeeded' })) };
      case HEALTH_ACTIVITIES.probeNodeHealth: {
        const node = (task.input as { node: { name: string } }).node.name;
        return { node, observedAt: NOW, ok: true, status: nodes.map((n) => ({ datacenter: 'dc1', status: n.address === options.downAddress ? 'D' : 'U', state: 'N', address: n.address })) };
      }
      case HEALTH_ACTIVITIES.recordHealthCheck:
        return { changed: true, becameLatest: true };
      default: throw new Error(`unexpected ${task.name}`);
    }
  };
}

const names = (calls: FakeTask[]) => calls.map((c) => c.name);
const recorded = (calls: FakeTask[]) => (calls.find((c) => c.name === HEALTH_ACTIVITIES.recordHealthCheck)!.input as { record: HealthCheckRecord }).record;
const input = { cluster: 'c1', checkId: 'k1', trigger: 'timer' };

test('healthy cluster probed recently: quick views only, recorded Healthy', () => {
  const { result, calls } = runOrchestration(checkClusterHealth, input, world({ lastDeepProbeAt: '2025-12-31T23:55:00.000Z', previousStatus: 'Healthy' }));
  assert.equal(result.status, 'Healthy');
  assert.deepEqual(names(calls), [HEALTH_ACTIVITIES.loadHealthContext, HEALTH_ACTIVITIES.probeCqlView, HEALTH_ACTIVITIES.readAzureView, HEALTH_ACTIVITIES.recordHealthCheck]);
  assert.equal(result.deepProbe?.reason, 'not-due');
  assert.equal(recorded(calls).lastDeepProbeAt, '2025-12-31T23:55:00.000Z');
});

test('the CQL view finds a node down: every node is probed and the record names it', () => {
  const { result, calls } = runOrchestration(checkClusterHealth, input, world({ downAddress: '127.1.0.5', lastDeepProbeAt: '2025-12-31T23:55:00.000Z', previousStatus: 'Healthy' }));
  assert.equal(result.status, 'Degraded');
  assert.equal(calls.filter((c) => c.name === HEALTH_ACTIVITIES.probeNodeHealth).length, 3);
  const record = recorded(calls);
  assert.equal(record.report.findings[0]!.code, 'node-down');
  assert.equal(record.report.findings[0]!.node, 'n2');
  assert.equal(record.lastDeepProbeAt, NOW);
  assert.deepEqual(Object.keys(record.vmWrites).sort(), ['vm1', 'vm2', 'vm3']);
  assert.equal(result.deepProbe?.reason, 'trouble-suspected');
});

test('a mutating operation holds the cluster: trouble is reported without Run Command', () => {
  const { result, calls } = runOrchestration(checkClusterHealth, input, world({ downAddress: '127.1.0.5', operationRunning: true }));
  assert.equal(result.status, 'Degraded');
  assert.ok(!names(calls).includes(HEALTH_ACTIVITIES.probeNodeHealth));
  assert.equal(result.deepProbe?.reason, 'operation-running');
});

test('a cluster that is not Ready is skipped without recording', () => {
  const { result, calls } = runOrchestration(checkClusterHealth, input, world({ found: false }));
  assert.equal(result.status, 'Skipped');
  assert.match(result.reason ?? '', /Provisioning/);
  assert.deepEqual(names(calls), [HEALTH_ACTIVITIES.loadHealthContext]);
});

test('sweep: each due cluster in its own sub-orchestration, at most `concurrency` at once, a failure reported not rethrown', () => {
  const clusters = ['a', 'b', 'c', 'd', 'e'];
  const { result, calls, maxInFlight } = runOrchestration(sweepClusterHealth, { sweepId: 'sweep-1', concurrency: 2 }, (task) => {
    if (task.name === HEALTH_ACTIVITIES.listClustersDueForHealth) return { clusters };
    const child = task.input as { cluster: string; checkId: string };
    if (child.cluster === 'c') throw new Error('orchestrator failed');
    return { cluster: child.cluster, checkId: child.checkId, status: 'Healthy', findings: 0 };
  });
  assert.equal(maxInFlight, 2);
  assert.deepEqual(calls.filter((c) => c.kind === 'sub').map((c) => c.instanceId), clusters.map((c) => `sweep-1:${c}`));
  assert.deepEqual(result.map((r) => `${r.cluster}:${r.status}`), ['a:Healthy', 'b:Healthy', 'c:Skipped', 'd:Healthy', 'e:Healthy']);
});
