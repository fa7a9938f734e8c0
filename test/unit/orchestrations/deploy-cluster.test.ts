import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { deployCluster } from '../../../shared/orchestrations/deploy-cluster.js';
import type { DeployClusterInput, FinishOperationInput, NodeJoinStatus } from '../../../shared/contracts/activity-io.js';

const settings = { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10 };
const input = (plan = deploymentPlanFixture(), over: Partial<DeployClusterInput['settings']> = {}): DeployClusterInput =>
  ({ operationId: 'op-1', plan, settings: { ...settings, ...over } });
const joined: NodeJoinStatus = { isUpNormal: true, schemaAgrees: true, detail: 'UN' };

/** Answers every activity with success, unless `override` answers it. */
function responder(override: (c: Scheduled) => unknown = () => undefined) {
  return (call: Scheduled) => {
    const answer = override(call);
    if (answer !== undefined) return answer;
    if (call.name === 'probeNodeJoined') return joined;
    return { ok: true, value: undefined };
  };
}

const index = (log: Scheduled[], pred: (c: Scheduled) => boolean) => log.findIndex(pred);
const lastIndex = (log: Scheduled[], pred: (c: Scheduled) => boolean) => log.map(pred).lastIndexOf(true);
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.name === 'finishOperation')?.input as FinishOperationInput;
const nodeOf = (c: Scheduled) => (c.input as { node?: { name: string } }).node?.name;

describe('deployCluster', () => {
  it('creates the network per DC in dependency order, then peerings, before any NIC or VM', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input());
    const log = runner.log;
    for (const dc of ['dc1', 'dc2']) {
      const rg = index(log, (c) => c.name === 'createOrUpdateResourceGroup' && (c.input as { name: string }).name === `rg-demo-${dc}`);
      const nsg = index(log, (c) => c.name === 'createOrUpdateNsg' && (c.input as { partName: string }).partName === `nsg-demo-${dc}-data`);
      const vnet = index(log, (c) => c.name === 'createOrUpdateVnet' && (c.input as { dc: { name: string } }).dc.name === dc);
      assert.ok(rg >= 0 && rg < nsg && nsg < vnet, `${dc}: RG < NSG < VNet`);
    }
    const lastVnet = lastIndex(log, (c) => c.name === 'createOrUpdateVnet');
    assert.ok(index(log, (c) => c.name === 'createOrUpdatePeering') > lastVnet);
    assert.equal(runner.names().filter((n) => n === 'createOrUpdatePeering').length, 2);
    assert.ok(index(log, (c) => c.name === 'createOrUpdateNic') > lastIndex(log, (c) => c.name === 'createOrUpdatePeering'));
  });

  it('creates each node NIC before its VM, and every VM before the first join', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input());
    for (const node of deploymentPlanFixture().nodes) {
      const nic = index(runner.log, (c) => c.name === 'createOrUpdateNic' && nodeOf(c) === node.name);
      const vm = index(runner.log, (c) => c.name === 'createOrUpdateVm' && nodeOf(c) === node.name);
      assert.ok(nic >= 0 && nic < vm, node.name);
    }
    assert.ok(lastIndex(runner.log, (c) => c.name === 'createOrUpdateVm') < index(runner.log, (c) => c.name === 'runNodeScript'));
  });

  it('joins nodes one at a time in planned order, each confirmed UN before the next starts', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input());
    const joins = runner.log.filter((c) => c.name === 'runNodeScript' || c.name === 'probeNodeJoined');
    const plan = deploymentPlanFixture();
    assert.deepEqual(joins.map((c) => `${c.name}:${nodeOf(c)}`),
      plan.nodes.flatMap((n) => [`runNodeScript:${n.name}`, `probeNodeJoined:${n.name}`]));
    assert.deepEqual(runner.log.filter((c) => c.name === 'probeNodeJoined').map((c) => (c.input as { expectedNodes: number }).expectedNodes), [1, 2, 3, 4, 5, 6]);
  });

  it('hardens with RF min(3, nodes per DC), smoke-tests, and finishes Ready', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    const result = runner.run(deployCluster, input(deploymentPlanFixture(2, 2)));
    assert.deepEqual(result, { ok: true, value: undefined });
    const tail = runner.names().filter((n) => ['hardenAuth', 'createKeyspaces', 'runSmokeTest', 'finishOperation'].includes(n));
    assert.deepEqual(tail, ['hardenAuth', 'createKeyspaces', 'runSmokeTest', 'finishOperation']);
    assert.deepEqual((runner.log.find((c) => c.name === 'hardenAuth')?.input as { plan: { systemReplication: unknown } }).plan.systemReplication, { dc1: 2, dc2: 2 });
    assert.equal(finishOf(runner).clusterState, 'Ready');
    assert.equal(finishOf(runner).status, 'Succeeded');
  });

  it('creates the load balancer after the VNet and puts NICs in its pool when the plan has one', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input(deploymentPlanFixture(1, 3, { loadBalancer: true })));
    assert.ok(index(runner.log, (c) => c.name === 'createOrUpdateLoadBalancer') > index(runner.log, (c) => c.name === 'createOrUpdateVnet'));
    assert.deepEqual((runner.log.find((c) => c.name === 'createOrUpdateNic')?.input as { loadBalancer: unknown }).loadBalancer,
      { name: 'lbi-demo-dc1', backendPoolName: deploymentPlanFixture(1, 3, { loadBalancer: true }).datacenters[0]?.loadBalancer?.backendPoolName });
  });

  it('runs node chains in batches of nodeConcurrency', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input(deploymentPlanFixture(2, 3), { nodeConcurrency: 4 }));
    const nodeBatches = runner.batches.filter((b) => b[0]?.name === 'provisionNode').map((b) => b.length);
    assert.deepEqual(nodeBatches, [4, 2]);
    assert.equal(runner.names().filter((n) => n === 'createOrUpdateVm').length, 6);
  });

  it('stops on a permanent ARM failure with Azure\'s code on the operation and joins nothing', () => {
    const allocationFailed = { ok: false, error: { code: 'CASSOPS_ARM_FAILED', message: 'vm-dc2-2: AllocationFailed: no capacity', azureCode: 'AllocationFailed' } };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder((c) =>
      (c.name === 'createOrUpdateVm' && nodeOf(c) === 'demo-dc2-002' ? allocationFailed : undefined)));
    const result = runner.run(deployCluster, input()) as { ok: boolean };
    assert.equal(result.ok, false);
    assert.equal(runner.names().includes('runNodeScript'), false);
    assert.equal(finishOf(runner).status, 'Failed');
    assert.equal(finishOf(runner).clusterState, 'Failed');
    assert.equal(finishOf(runner).error?.azureCode, 'AllocationFailed');
  });

  it('records a transient fault that outlived its retries with its product code', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder((c) =>
      (c.name === 'createOrUpdateVnet' ? { throws: new Error('Activity failed: CASSOPS_ARM_THROTTLED: vnet-dc1: TooManyRequests\n at stack') } : undefined)));
    runner.run(deployCluster, input());
    assert.deepEqual(finishOf(runner).error, { code: 'CASSOPS_ARM_THROTTLED', message: 'vnet-dc1: TooManyRequests' });
    assert.equal(runner.names().includes('createOrUpdateNic'), false);
  });

  it('fails a node that never becomes UN after the join timeout, polling on durable timers', () => {
    const notYet: NodeJoinStatus = { isUpNormal: false, schemaAgrees: false, detail: 'sees 1 of 2 nodes' };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder((c) =>
      (c.name === 'probeNodeJoined' && nodeOf(c) === 'demo-dc2-001' ? notYet : undefined)));
    runner.run(deployCluster, input(deploymentPlanFixture(), { joinTimeoutInMs: 30_000, joinPollIntervalInMs: 10_000 }));
    const error = finishOf(runner).error;
    assert.equal(error?.code, 'CASSOPS_NODE_JOIN_TIMEOUT');
    assert.match(error?.message ?? '', /demo-dc2-001 .* 30 s; last seen: sees 1 of 2 nodes/);
    assert.equal(runner.log.filter((c) => c.kind === 'timer').length, 3);
    // demo-dc2-001 is fourth in join order: three nodes joined before it, none after.
    assert.equal(runner.log.filter((c) => c.name === 'runNodeScript').length, 4);
  });

  it('waits on a timer while a node settles, then continues', () => {
    let probes = 0;
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder((c) => {
      if (c.name !== 'probeNodeJoined' || nodeOf(c) !== 'demo-dc1-001') return undefined;
      probes++;
      return probes < 3 ? { isUpNormal: true, schemaAgrees: false, detail: '2 schema versions' } : joined;
    }));
    runner.run(deployCluster, input());
    assert.equal(runner.log.filter((c) => c.kind === 'timer').length, 2);
    assert.equal(finishOf(runner).status, 'Succeeded');
  });

  it('stops when a node script reports failure', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder((c) => (c.name === 'runNodeScript'
      ? { ok: false, error: { code: 'CASSOPS_NODE_SCRIPT_FAILED', message: 'Script startCassandra on vm-dc1-1 reported failure' } } : undefined)));
    runner.run(deployCluster, input());
    assert.equal(finishOf(runner).error?.code, 'CASSOPS_NODE_SCRIPT_FAILED');
    assert.equal(runner.names().includes('probeNodeJoined'), false);
  });

  it('names a retry profile on every activity and gives sub-orchestrations deterministic ids', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input());
    assert.ok(runner.log.filter((c) => c.kind === 'activity').every((c) => (c.maxAttempts ?? 0) >= 1));
    const subs = runner.log.filter((c) => c.kind === 'sub').map((c) => c.instanceId);
    assert.ok(subs.includes('op-1:network:dc-dc1') && subs.includes('op-1:nodes:node-demo-dc1-001'));
    assert.equal(new Set(subs).size, subs.length);
  });

  it('is deterministic: two runs schedule the same calls with the same inputs', () => {
    const a = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    const b = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    a.run(deployCluster, input());
    b.run(deployCluster, input());
    assert.deepEqual(a.log, b.log);
  });
});
