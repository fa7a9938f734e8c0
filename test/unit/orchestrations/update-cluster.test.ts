import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { localSpecFixture } from '../../support/deployment-plan-fixture.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { updateCluster } from '../../../shared/orchestrations/update-cluster.js';
import { ACTIVITIES } from '../../../shared/contracts/names.js';
import type { FinishOperationInput, ProbeNodeJoinedInput, RecordProgressInput } from '../../../shared/contracts/activity-io.js';
import type { NodeJobInput } from '../../../shared/contracts/backup-io.js';
import type { UpdateClusterInput } from '../../../shared/contracts/update-io.js';
import { planRequest } from '../../../shared/api/plan-request.js';
import { planClusterChange } from '../../../shared/domain/changes/plan-cluster-change.js';
import { initialNodesOf, planClusterUpdate } from '../../../shared/domain/changes/plan-cluster-update.js';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const SUBSCRIPTION = (localSpecFixture().azure as { subscriptionId: string }).subscriptionId;
const SETTINGS = { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 4, firstBoot: 'ordered' as const };

/** The update input from a DC of `from` nodes to one of `to` nodes (to a 2 GiB heap when `heap`; from 5.0.8 to `release` when given). */
function inputFor(from: number, to: number, heap = false, release?: string): UpdateClusterInput {
  const cluster = (jvm: boolean, version: string | undefined): Body => ({ ...(localSpecFixture(1, 3).cluster as Body),
    ...(jvm ? { jvm: { maxHeapMiB: 2048 } } : {}), ...(version ? { cassandraVersion: version } : {}) });
  const spec = (nodes: number, jvm = false, version?: string): Body => ({ ...localSpecFixture(1, 3), datacenters: [{ ...(localSpecFixture(1, 3).datacenters as Body[])[0], nodes }],
    cluster: cluster(jvm, version) });
  const booted = planRequest(spec(3), { target: 'local', subscriptionId: SUBSCRIPTION });
  const options = { target: 'local' as const, subscriptionId: SUBSCRIPTION, initialNodes: initialNodesOf(booted.plan) };
  const current = planRequest(spec(from, false, release ? '5.0.8' : undefined), options);
  const next = planRequest(spec(to, heap, release), options);
  const update = planClusterUpdate(current.plan, next.plan, planClusterChange(current, next));
  return { operationId: 'op-1', clusterName: 'demo', spec: next.spec, plan: next.plan, update, settings: SETTINGS };
}

function world(override: (c: Scheduled) => unknown = () => undefined) {
  return (call: Scheduled): unknown => {
    const answer = override(call);
    if (answer !== undefined) return answer;
    switch (call.name) {
      case ACTIVITIES.startNodeJob: case ACTIVITIES.readNodeJob: return { state: 'Succeeded', detail: 'done', stderrTail: '' };
      case ACTIVITIES.probeNodeJoined: case ACTIVITIES.probeNodeInRing: return { isUpNormal: true, schemaAgrees: true, detail: 'UN' };
      case ACTIVITIES.probeNodeRestarted: return { ready: true, detail: 'back' };
      case ACTIVITIES.readNodeGeneration: return 1;
      case ACTIVITIES.recordProgress: return { recorded: true, holdsLease: true };
      default: return { ok: true, value: undefined };
    }
  };
}

/** What touched nodes, in order: `create(node)`, `start(node)`, `probe(node@expected)`, `<job>(node)`, `delete(node)`, and `commit`. */
function work(runner: FakeOrchestrationRunner): string[] {
  return runner.log.flatMap((c) => {
    const input = c.input as Record<string, unknown>;
    const named = (input?.node as { name?: string } | undefined)?.name ?? input?.node;
    switch (c.name) {
      case ACTIVITIES.createOrUpdateVm: return [`create(${named})`];
      case ACTIVITIES.runNodeScript: return [`${(c.input as { script: string }).script === 'stopCassandra' ? 'stop' : 'start'}(${named})`];
      case ACTIVITIES.probeNodeJoined: return [`probe(${named}@${(c.input as ProbeNodeJoinedInput).expectedNodes})`];
      case ACTIVITIES.startNodeJob: return [`${(c.input as NodeJobInput).job.script}(${named})`];
      case ACTIVITIES.deleteNodeResources: return [`delete(${named})`];
      case ACTIVITIES.commitClusterChange: return ['commit'];
      case ACTIVITIES.writeJvmOptions: return [`jvm(${named})`];
      case ACTIVITIES.readNodeGeneration: return [`generation(${named})`];
      case ACTIVITIES.probeNodeRestarted: return [`back(${named})`];
      case ACTIVITIES.installCassandra: return [`install(${named}@${(c.input as { release: string }).release})`];
      default: return [];
    }
  });
}
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.name === ACTIVITIES.finishOperation)!.input as FinishOperationInput;

describe('updateCluster', () => {
  it('scale out 3 → 4: checks, creates the node, joins it seeing all four, cleans the three others up one at a time, then commits', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    const input = inputFor(3, 4);
    assert.deepEqual(runner.run(updateCluster, input, 'op-1'), { ok: true, value: undefined });
    assert.deepEqual(runner.log.find((c) => c.name === ACTIVITIES.checkRestartReady)!.input, { clusterName: 'demo', nodes: [], work: 'An update' }, 'every node must be up');
    assert.deepEqual(work(runner), ['create(demo-dc1-004)', 'start(demo-dc1-004)', 'probe(demo-dc1-004@4)',
      'cleanupNode(demo-dc1-001)', 'cleanupNode(demo-dc1-002)', 'cleanupNode(demo-dc1-003)', 'commit']);
    const jobs = runner.log.filter((c) => c.name === ACTIVITIES.startNodeJob).map((c) => (c.input as NodeJobInput).job);
    assert.ok(jobs.every((j) => 'operationId' in j && j.operationId === 'op-1'), 'the jobs are named by the operation, so a replay finds them');
    const finish = finishOf(runner);
    assert.deepEqual([finish.status, finish.clusterState], ['Succeeded', undefined], 'the cluster stays as it is (Ready)');
    const steps = runner.log.filter((c) => c.name === ACTIVITIES.recordProgress).map((c) => c.input as RecordProgressInput)
      .filter((p) => p.status === 'Succeeded').map((p) => p.step);
    assert.deepEqual(steps, ['check', 'network', 'restart', 'nodes', 'join', 'keyspaces', 'rebuild', 'cleanup', 'decommission', 'retire', 'commit']);
  });

  it('a heap change with a scale out: each node takes the new settings and restarts, one at a time, before the new node joins', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(updateCluster, inputFor(3, 4, true), 'op-1'), { ok: true, value: undefined });
    const restarts = ['demo-dc1-001', 'demo-dc1-002', 'demo-dc1-003'].flatMap((n) => [`jvm(${n})`, `generation(${n})`, `stop(${n})`, `start(${n})`, `back(${n})`]);
    assert.deepEqual(work(runner), [...restarts, 'create(demo-dc1-004)', 'start(demo-dc1-004)', 'probe(demo-dc1-004@4)',
      'cleanupNode(demo-dc1-001)', 'cleanupNode(demo-dc1-002)', 'cleanupNode(demo-dc1-003)', 'commit']);
    const jvm = runner.log.find((c) => c.name === ACTIVITIES.writeJvmOptions)!.input as { spec: { cluster: { jvm: unknown } } };
    assert.deepEqual(jvm.spec.cluster.jvm, { maxHeapMiB: 2048 });
  });

  it('an upgrade: only the nodes on an older release go down, each installed while stopped and back only on the new release', () => {
    const targets = { upgrade: ['demo-dc1-001', 'demo-dc1-003'], current: ['demo-dc1-002'], newer: [] };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => (c.name === ACTIVITIES.planUpgrade ? { ok: true, value: targets } : undefined)));
    const input = inputFor(3, 3, false, '5.0.9');
    assert.equal(input.update.upgradeTo, '5.0.9');
    assert.deepEqual(runner.run(updateCluster, input, 'op-1'), { ok: true, value: undefined });
    const restart = (n: string) => [`generation(${n})`, `stop(${n})`, `install(${n}@5.0.9)`, `start(${n})`, `back(${n})`];
    assert.deepEqual(work(runner), [...restart('demo-dc1-001'), ...restart('demo-dc1-003'), 'commit']);
    assert.ok(runner.log.filter((c) => c.name === ACTIVITIES.probeNodeRestarted).every((c) => (c.input as { release?: string }).release === '5.0.9'));
    assert.deepEqual(runner.log.filter((c) => c.name === ACTIVITIES.planUpgrade).length, 2, 'checked before anything changes, and read again when the restart starts');
    const restartStep = runner.log.map((c) => c.input as RecordProgressInput).find((p) => p?.step === 'restart' && p.status === 'Succeeded');
    assert.equal(restartStep?.message, '2 node(s) upgraded to Cassandra 5.0.9');
  });

  it('an upgrade that would take a node back to an older release fails at the check, before anything changes', () => {
    const refusal = { ok: false, error: { code: 'CASSOPS_CHANGE_REFUSED', message: 'demo-dc1-002 runs 5.0.10' } };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => (c.name === ACTIVITIES.planUpgrade ? refusal : undefined)));
    const result = runner.run(updateCluster, inputFor(3, 3, false, '5.0.9'), 'op-1') as { ok: boolean; error?: { code: string } };
    assert.equal(result.error?.code, 'CASSOPS_CHANGE_REFUSED');
    assert.deepEqual(work(runner), []);
    assert.equal(finishOf(runner).status, 'Failed');
  });

  it('an upgrade with a heap change restarts every node, each taking the settings and the release', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(updateCluster, inputFor(3, 3, true, '5.0.9'), 'op-1'), { ok: true, value: undefined });
    assert.deepEqual(work(runner).filter((w) => w.startsWith('install')), ['001', '002', '003'].map((n) => `install(demo-dc1-${n}@5.0.9)`));
  });

  it('a new datacenter: its peerings beside its VMs, joins without bootstrap, replication, then each node rebuilt from dc1, one at a time', () => {
    const one = planRequest(localSpecFixture(1, 3), { target: 'local', subscriptionId: SUBSCRIPTION });
    const two = planRequest(localSpecFixture(2, 3), { target: 'local', subscriptionId: SUBSCRIPTION, initialNodes: initialNodesOf(one.plan) });
    const update = planClusterUpdate(one.plan, two.plan, planClusterChange(one, two));
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(updateCluster, { operationId: 'op-1', clusterName: 'demo', spec: two.spec, plan: two.plan, update, settings: SETTINGS }, 'op-1'),
      { ok: true, value: undefined });
    const vms = runner.log.filter((c) => c.name === ACTIVITIES.createOrUpdateVm).map((c) => c.input as { node: { name: string }; withoutBootstrap?: boolean });
    assert.deepEqual(vms.map((v) => [v.node.name, v.withoutBootstrap]), update.add.map((n) => [n.name, true]));
    assert.ok(runner.names().includes(ACTIVITIES.createOrUpdatePeering));
    const jobs = runner.log.filter((c) => c.name === ACTIVITIES.startNodeJob).map((c) => (c.input as NodeJobInput));
    assert.deepEqual(jobs.map((j) => [j.node, j.job.script, 'sourceDc' in j.job ? j.job.sourceDc : undefined]),
      update.add.map((n) => [n.name, 'rebuildNode', 'dc1']));
    const keyspaces = runner.log.find((c) => c.name === ACTIVITIES.createKeyspaces)!.input as { keyspaces: { name: string; replication: Record<string, number> }[] };
    assert.deepEqual(keyspaces.keyspaces.find((k) => k.name === 'system_auth')?.replication, { dc1: 3, dc2: 3 });
    const order = runner.names();
    assert.deepEqual(runner.log.filter((c) => c.name === ACTIVITIES.probeNodeInRing).map((c) => (c.input as { node: { name: string } }).node.name),
      update.add.map((n) => n.name), 'a new DC\'s node is asked of the ring: it takes no login before its rebuild');
    assert.ok(!order.includes(ACTIVITIES.probeNodeJoined));
    assert.ok(order.lastIndexOf(ACTIVITIES.probeNodeInRing) < order.indexOf(ACTIVITIES.createKeyspaces)
      && order.indexOf(ACTIVITIES.createKeyspaces) < order.indexOf(ACTIVITIES.startNodeJob), 'joined, then replication, then rebuild');
  });

  it('a removed datacenter: replication first, each node decommissioned and deleted, then its peerings and group, then the commit', () => {
    const two = planRequest(localSpecFixture(2, 3), { target: 'local', subscriptionId: SUBSCRIPTION });
    const one = planRequest(localSpecFixture(1, 3), { target: 'local', subscriptionId: SUBSCRIPTION, initialNodes: initialNodesOf(two.plan) });
    const update = planClusterUpdate(two.plan, one.plan, planClusterChange(two, one));
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(updateCluster, { operationId: 'op-1', clusterName: 'demo', spec: one.spec, plan: one.plan, update, settings: SETTINGS }, 'op-1'),
      { ok: true, value: undefined });
    const order = runner.names();
    const [during, after] = runner.log.filter((c) => c.name === ACTIVITIES.createKeyspaces)
      .map((c) => (c.input as { keyspaces: { name: string; replication: Record<string, number> }[] }).keyspaces);
    assert.deepEqual(during!.find((k) => k.name === 'customers_ks')?.replication, { dc1: 3 }, 'the spec\'s keyspaces leave dc2 first');
    assert.deepEqual(during!.find((k) => k.name === 'system_auth')?.replication, { dc1: 3, dc2: 3 }, 'Cassandra keeps system_auth on a DC with live nodes');
    assert.deepEqual(after!.map((k) => [k.name, k.replication]), ['system_auth', 'system_distributed', 'system_traces', 'autopilot_smoke'].map((n) => [n, { dc1: 3 }]));
    const jobs = runner.log.filter((c) => c.name === ACTIVITIES.startNodeJob).map((c) => (c.input as NodeJobInput).job);
    assert.ok(jobs.every((j) => j.script === 'decommissionNode' && 'force' in j && j.force === true), 'a leaving DC\'s last nodes go below system_auth\'s RF there');
    assert.deepEqual(work(runner), ['decommissionNode(demo-dc2-003)', 'delete(demo-dc2-003)', 'decommissionNode(demo-dc2-002)', 'delete(demo-dc2-002)',
      'decommissionNode(demo-dc2-001)', 'delete(demo-dc2-001)', 'commit']);
    assert.ok(order.indexOf(ACTIVITIES.createKeyspaces) < order.indexOf(ACTIVITIES.startNodeJob), 'replication leaves the DC before any node does');
    assert.equal(runner.log.filter((c) => c.name === ACTIVITIES.deletePeering).length, 2);
    assert.deepEqual(runner.log.filter((c) => c.name === ACTIVITIES.deleteResourceGroup).map((c) => (c.input as { name: string }).name), [two.plan.datacenters[1]!.resourceGroup]);
    assert.ok(order.lastIndexOf(ACTIVITIES.deleteNodeResources) < order.indexOf(ACTIVITIES.deletePeering)
      && order.indexOf(ACTIVITIES.deleteResourceGroup) < order.indexOf(ACTIVITIES.commitClusterChange));
  });

  it('scale in 4 → 3: decommissions the node, then deletes its VM, NIC and disks, then commits; nothing joins or is cleaned up', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(updateCluster, inputFor(4, 3), 'op-1'), { ok: true, value: undefined });
    assert.deepEqual(work(runner), ['decommissionNode(demo-dc1-004)', 'delete(demo-dc1-004)', 'commit']);
  });

  it('stops at a decommission that fails: that node is not deleted, the spec is not committed, and the error names the node', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => (c.name === ACTIVITIES.startNodeJob
      ? { state: 'Failed', detail: 'nodetool-failed Not enough live nodes to maintain replication factor', stderrTail: '' } : undefined)));
    const result = runner.run(updateCluster, inputFor(4, 3), 'op-1') as { ok: boolean; error: { code: string; message: string } };
    assert.equal(result.ok, false);
    assert.match(result.error.message, /decommissionNode on demo-dc1-004 failed: nodetool-failed Not enough live nodes/);
    assert.deepEqual(work(runner), ['decommissionNode(demo-dc1-004)']);
    assert.deepEqual([finishOf(runner).status, finishOf(runner).clusterState], ['Failed', undefined]);
  });

  it('stops before the next node once its lease was taken', () => {
    let cleanups = 0;
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => {
      if (c.name === ACTIVITIES.startNodeJob) cleanups++;
      const input = c.input as RecordProgressInput;
      return c.name === ACTIVITIES.recordProgress && input.step === 'cleanup' && cleanups === 1 && input.message?.startsWith('cleaning up')
        ? { recorded: true, holdsLease: false } : undefined;
    }));
    const result = runner.run(updateCluster, inputFor(3, 4), 'op-1') as { ok: boolean; error: { code: string } };
    assert.deepEqual([result.ok, result.error.code], [false, 'CASSOPS_LEASE_LOST']);
    assert.deepEqual(work(runner).filter((w) => w.startsWith('cleanupNode') || w === 'commit'), ['cleanupNode(demo-dc1-001)']);
  });
});
