import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { deploymentPlanFixture, validSpecFixture } from '../../support/deployment-plan-fixture.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { deployCluster, deployClusterV3, deployClusterV4 } from '../../../shared/orchestrations/deploy-cluster.js';
import type { DeployClusterInput, FinishOperationInput } from '../../../shared/contracts/activity-io.js';
import type { NodeJoinStatus } from '../../../shared/domain/ports/cql-port.js';
import type { DeploymentPlan } from '../../../shared/domain/deploy/deployment-plan.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';

const settings = { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 2, firstBoot: 'parallel' as const };
const input = (plan: DeploymentPlan, over: Partial<DeployClusterInput['settings']> = {}): DeployClusterInput =>
  ({ operationId: 'op-1', plan, spec: validSpecFixture(), settings: { ...settings, ...over } });
const joined: NodeJoinStatus = { isUpNormal: true, schemaAgrees: true, detail: 'UN' };
const nodeOf = (c: Scheduled) => (c.input as { node?: { name: string } }).node?.name;
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.name === 'finishOperation')?.input as FinishOperationInput;

function responder(probe: (c: Scheduled) => NodeJoinStatus = () => joined) {
  return (call: Scheduled) => (call.name === 'probeNodeJoined' ? probe(call) : { ok: true, value: undefined });
}

/** Two DCs of five nodes: three seeds and two others each. */
const plan = () => deploymentPlanFixture(2, 5);

describe('firstBootNodes (deployCluster with a parallel first boot)', () => {
  it('leaves every start to the nodes\' cloud-init: no Run Command, only probes of the whole ring', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input(plan()));
    assert.ok(runner.names('sub').includes(ORCHESTRATIONS.firstBootNodes));
    assert.equal(runner.names('sub').includes(ORCHESTRATIONS.joinNodes), false);
    const joins = runner.log.filter((c) => c.name === 'runNodeScript' || c.name === 'probeNodeJoined').map((c) => `${c.name}:${nodeOf(c)}`);
    assert.deepEqual(joins, plan().nodes.map((n) => `probeNodeJoined:${n.name}`));
    const expected = runner.log.filter((c) => c.name === 'probeNodeJoined').map((c) => (c.input as { expectedNodes: number }).expectedNodes);
    assert.deepEqual(expected, plan().nodes.map(() => 10));
    assert.equal(finishOf(runner).clusterState, 'Ready');
  });

  it('starts by Run Command, once, only the nodes still not UN half-way to the deadline, a non-seed waiting for a seed', () => {
    const late = new Set(['demo-dc1-001', 'demo-dc2-004']);
    let started = false;
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, (call) => {
      if (call.name === 'runNodeScript') started = true;
      if (call.name === 'probeNodeJoined') return late.has(nodeOf(call)!) && !started ? { isUpNormal: false, schemaAgrees: false, detail: 'no CQL answer yet' } : joined;
      return { ok: true, value: undefined };
    });
    runner.run(deployCluster, input(plan(), { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000 }));
    const starts = runner.log.filter((c) => c.name === 'runNodeScript');
    const seeds = plan().nodes.filter((n) => n.isSeed).map((n) => n.privateIp);
    assert.deepEqual(starts.map((c) => [nodeOf(c), (c.input as { waitForSeeds?: string[] }).waitForSeeds]),
      [['demo-dc1-001', undefined], ['demo-dc2-004', seeds]]);
    const firstStart = runner.log.indexOf(starts[0]!);
    const probesBefore = runner.log.slice(0, firstStart).filter((c) => c.name === 'probeNodeJoined' && nodeOf(c) === 'demo-dc2-004').length;
    assert.equal(probesBefore, 7, 'probed at 0, 5, … 30 s: the start comes at half of the 60 s deadline');
    assert.equal(finishOf(runner).status, 'Succeeded');
  });

  it('version 2, still registered for deployments in flight, starts every node in one round, seeds first, each non-seed waiting for a seed, then waits for the whole ring', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployClusterV4, input(plan()));
    assert.ok(runner.names('sub').includes(ORCHESTRATIONS.firstBootNodesV2));
    assert.equal(runner.names('sub').includes(ORCHESTRATIONS.joinNodes), false);
    const seeds = plan().nodes.filter((n) => n.isSeed);
    const others = plan().nodes.filter((n) => !n.isSeed).map((n) => n.name);
    const joins = runner.log.filter((c) => c.name === 'runNodeScript' || c.name === 'probeNodeJoined').map((c) => `${c.name}:${nodeOf(c)}`);
    assert.deepEqual(joins, [...seeds.map((n) => `runNodeScript:${n.name}`), ...others.map((n) => `runNodeScript:${n}`),
      ...plan().nodes.map((n) => `probeNodeJoined:${n.name}`)]);
    const waits = runner.log.filter((c) => c.name === 'runNodeScript').map((c) => [nodeOf(c), (c.input as { waitForSeeds?: string[] }).waitForSeeds]);
    assert.deepEqual(waits, [...seeds.map((n) => [n.name, undefined]), ...others.map((n) => [n, seeds.map((s) => s.privateIp)])]);
    const expected = runner.log.filter((c) => c.name === 'probeNodeJoined').map((c) => (c.input as { expectedNodes: number }).expectedNodes);
    assert.deepEqual(expected, plan().nodes.map(() => 10));
    // Starts run nodeConcurrency at a time, seeds first.
    const startBatches = runner.batches.filter((b) => b.some((c) => c.name === 'runNodeScript'));
    assert.deepEqual(startBatches.map((b) => b.filter((c) => c.name === 'runNodeScript').length), [2, 2, 2, 2, 2]);
    assert.equal(finishOf(runner).clusterState, 'Ready');
  });

  it('version 1, still registered for deployments in flight, waits for the seeds to join before it starts the others', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployClusterV3, input(plan()));
    assert.ok(runner.names('sub').includes(ORCHESTRATIONS.firstBootNodesV1));
    const seeds = plan().nodes.filter((n) => n.isSeed).map((n) => n.name);
    const others = plan().nodes.filter((n) => !n.isSeed).map((n) => n.name);
    const joins = runner.log.filter((c) => c.name === 'runNodeScript' || c.name === 'probeNodeJoined').map((c) => `${c.name}:${nodeOf(c)}`);
    assert.deepEqual(joins, [...seeds.map((n) => `runNodeScript:${n}`), ...seeds.map((n) => `probeNodeJoined:${n}`),
      ...others.map((n) => `runNodeScript:${n}`), ...plan().nodes.map((n) => `probeNodeJoined:${n.name}`)]);
  });

  it('probes again on a timer only the nodes not yet UN, and records each node Joined once', () => {
    const seen = new Map<string, number>();
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder((c) => {
      const name = nodeOf(c)!;
      seen.set(name, (seen.get(name) ?? 0) + 1);
      return name.endsWith('dc2-004') && seen.get(name)! < 3 ? { isUpNormal: false, schemaAgrees: false, detail: 'sees 9 of 10 nodes' } : joined;
    }));
    runner.run(deployCluster, input(plan()));
    assert.equal(seen.get('demo-dc2-004'), 3);
    assert.equal(seen.get('demo-dc1-001'), 1, 'a node UN is not probed again');
    const joinedRecords = runner.log.filter((c) => c.name === 'recordProgress' && (c.input as { node?: { state: string } }).node?.state === 'Joined');
    assert.equal(joinedRecords.length, 10);
    assert.equal(finishOf(runner).status, 'Succeeded');
  });

  it('fails with CASSOPS_NODE_JOIN_TIMEOUT naming the nodes still not UN and what the probe saw', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder((c) =>
      nodeOf(c) === 'demo-dc1-004' ? { isUpNormal: false, schemaAgrees: false, detail: 'no CQL answer yet' } : joined));
    runner.run(deployCluster, input(plan(), { joinTimeoutInMs: 20_000 }));
    const finish = finishOf(runner);
    assert.equal(finish.error?.code, 'CASSOPS_NODE_JOIN_TIMEOUT');
    assert.match(finish.error?.message ?? '', /demo-dc1-004 not UN .* no CQL answer yet/);
    assert.equal(runner.names().includes('hardenAuth'), false);
  });

  it('joins in order when the settings ask for it, or when a node is not initial (it must bootstrap alone)', () => {
    const grown = plan();
    grown.nodes[grown.nodes.length - 1] = { ...grown.nodes.at(-1)!, initial: false };
    for (const [p, over] of [[plan(), { firstBoot: 'ordered' as const }], [grown, {}]] as const) {
      const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
      runner.run(deployCluster, input(p, over));
      assert.ok(runner.names('sub').includes(ORCHESTRATIONS.joinNodes));
      assert.equal(runner.names('sub').includes(ORCHESTRATIONS.firstBootNodes), false);
    }
  });

  it('passes the first boot mode to every VM, which renders the node\'s tokens from it', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input(plan()));
    const vms = runner.log.filter((c) => c.name === 'createOrUpdateVm');
    assert.equal(vms.length, 10);
    assert.ok(vms.every((c) => (c.input as { firstBoot?: string }).firstBoot === 'parallel'));
  });
});
