import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { deploymentPlanFixture, validSpecFixture } from '../../support/deployment-plan-fixture.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { deployCluster } from '../../../shared/orchestrations/deploy-cluster.js';
import type { CreateKeyspacesInput, DeployClusterInput, FinishOperationInput } from '../../../shared/contracts/activity-io.js';
import { SMOKE_KEYSPACE } from '../../../shared/domain/topology/plan-topology.js';
import type { NodeJoinStatus } from '../../../shared/domain/ports/cql-port.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';

const settings = { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10, firstBoot: 'ordered' as const };
// The spec only reaches createOrUpdateVm, which the runner answers without rendering: the default one serves every plan.
const input = (plan = deploymentPlanFixture(), over: Partial<DeployClusterInput['settings']> = {}, spec = validSpecFixture()): DeployClusterInput =>
  ({ operationId: 'op-1', plan, spec, settings: { ...settings, ...over } });
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
  it('creates the network per DC in dependency order, then the peerings beside the NICs and VMs', () => {
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
    assert.ok(index(log, (c) => c.name === 'createOrUpdateNic') > lastVnet);
    assert.equal(runner.names().filter((n) => n === 'createOrUpdatePeering').length, 2);
    // Peerings and node machines are started in the same Task.all: neither waits for the other.
    assert.ok(runner.batches.some((b) => b.some((c) => c.name === ORCHESTRATIONS.provisionNodes) && b.some((c) => c.name === ORCHESTRATIONS.provisionPeerings)));
    assert.equal(runner.batches.find((b) => b[0]?.name === 'createOrUpdatePeering')?.length, 2);
  });

  it('creates a resource group named by several DCs once, before either DC\'s network', () => {
    const spec = validSpecFixture(2, 1, { resourceGroup: 'rg-shared' });
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input(deploymentPlanFixture(2, 1, { resourceGroup: 'rg-shared' }), {}, spec));
    const groups = runner.log.filter((c) => c.name === 'createOrUpdateResourceGroup');
    assert.deepEqual(groups.map((c) => (c.input as { name: string }).name), ['rg-shared']);
    assert.ok(runner.log.indexOf(groups[0]!) < index(runner.log, (c) => c.name === 'createOrUpdateNsg'));
  });

  it('hands the plan\'s tags (the spec\'s and the product\'s own) to every ARM write that creates a resource', () => {
    const plan = deploymentPlanFixture(2, 1, { tags: { env: 'prod' } });
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input(plan, {}, validSpecFixture(2, 1, { tags: { env: 'prod' } })));
    const writes = runner.log.filter((c) => /^createOrUpdate(?!Peering)/.test(c.name));
    assert.ok(writes.length > 0);
    for (const c of writes) assert.deepEqual((c.input as { tags?: unknown }).tags, { env: 'prod', 'autopilot-cluster': 'demo' }, c.name);
  });

  it('starts the joins only once every peering and every VM exists', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input());
    const firstJoin = index(runner.log, (c) => c.name === 'runNodeScript');
    assert.ok(lastIndex(runner.log, (c) => c.name === 'createOrUpdatePeering') < firstJoin);
    assert.ok(lastIndex(runner.log, (c) => c.name === 'createOrUpdateVm') < firstJoin);
    assert.ok(!runner.batches.some((b) => b.some((c) => c.name === ORCHESTRATIONS.joinNodes) && b.some((c) => c.name === ORCHESTRATIONS.provisionPeerings)));
  });

  it('stops on a failed peering with its code and joins nothing', () => {
    const refused = { ok: false, error: { code: 'CASSOPS_ARM_FAILED', message: 'peer-dc1-dc2: VnetAddressSpacesOverlap', azureCode: 'VnetAddressSpacesOverlap' } };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder((c) => (c.name === 'createOrUpdatePeering' ? refused : undefined)));
    const result = runner.run(deployCluster, input()) as { ok: boolean };
    assert.equal(result.ok, false);
    assert.equal(runner.names().includes('runNodeScript'), false);
    assert.equal(finishOf(runner).error?.azureCode, 'VnetAddressSpacesOverlap');
    const failed = runner.log.find((c) => c.name === 'recordProgress' && (c.input as { status: string }).status === 'Failed');
    assert.equal((failed?.input as { step: string }).step, 'nodes');
  });

  it('writes each phase\'s progress records beside its work, and the last one before the operation closes', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input());
    const joinBatch = runner.batches.find((b) => b.some((c) => c.name === ORCHESTRATIONS.joinNodes));
    assert.deepEqual(joinBatch?.map((c) => c.name === 'recordProgress' ? `${(c.input as { step: string }).step}:${(c.input as { status: string }).status}` : c.name),
      ['nodes:Succeeded', 'join:Running', ORCHESTRATIONS.joinNodes]);
    const top = runner.log.filter((c) => c.depth === 0);
    assert.deepEqual(top.slice(-2).map((c) => c.name), ['recordProgress', 'finishOperation']);
    assert.deepEqual((top.at(-2)?.input as { step: string; status: string }), { ...(top.at(-2)?.input as object), step: 'smokeTest', status: 'Succeeded' });
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

  it('records a node Joined beside the next node\'s start, and the last one before the join phase ends', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input());
    const joinedOf = (c: Scheduled) => (c.name === 'recordProgress' ? (c.input as { node?: { state: string; node: { name: string } } }).node : undefined);
    const joinedIn = (b: Scheduled[]) => b.filter((c) => joinedOf(c)?.state === 'Joined').map((c) => joinedOf(c)?.node.name);
    const starts = runner.batches.filter((b) => b.some((c) => c.name === 'runNodeScript'));
    const nodes = deploymentPlanFixture().nodes.map((n) => n.name);
    assert.deepEqual(starts.map((b) => [joinedIn(b), b.filter((c) => c.name === 'runNodeScript').map(nodeOf)]),
      nodes.map((n, i) => [i === 0 ? [] : [nodes[i - 1]], [n]]));
    const lastJoined = lastIndex(runner.log, (c) => joinedOf(c)?.node.name === nodes.at(-1));
    assert.ok(lastJoined > lastIndex(runner.log, (c) => c.name === 'probeNodeJoined'));
    assert.ok(lastJoined < index(runner.log, (c) => c.name === 'hardenAuth'));
  });

  it('hardens with RF min(3, nodes per DC), creates keyspaces, then runs the smoke test, and finishes Ready', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    const result = runner.run(deployCluster, input(deploymentPlanFixture(2, 2)));
    assert.deepEqual(result, { ok: true, value: undefined });
    const tail = runner.names().filter((n) => ['hardenAuth', 'createKeyspaces', 'runSmokeTest', 'finishOperation'].includes(n));
    assert.deepEqual(tail, ['hardenAuth', 'createKeyspaces', 'runSmokeTest', 'finishOperation']);
    const percents = runner.log.filter((c) => c.name === 'recordProgress' && c.depth === 0).map((c) => (c.input as { operationPercent: number }).operationPercent);
    assert.deepEqual(percents, [...percents].sort((x, y) => x - y), 'the operation percent never goes back');
    assert.equal(percents.at(-1), 100);
    assert.deepEqual((runner.log.find((c) => c.name === 'hardenAuth')?.input as { systemReplication: unknown }).systemReplication, { dc1: 2, dc2: 2 });
    const keyspaces = (runner.log.find((c) => c.name === 'createKeyspaces')?.input as CreateKeyspacesInput).keyspaces;
    assert.deepEqual(keyspaces.map((k) => [k.name, k.replication]), [[SMOKE_KEYSPACE, { dc1: 2, dc2: 2 }],
      ...deploymentPlanFixture(2, 2).keyspaces.map((k) => [k.name, k.replication])], 'the smoke keyspace is made with the spec\'s, in one round');
    assert.equal(finishOf(runner).clusterState, 'Ready');
    assert.equal(finishOf(runner).status, 'Succeeded');
  });

  it('skips the login hardening when the plan has authentication off', () => {
    const plan = { ...deploymentPlanFixture(), authentication: false };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder());
    runner.run(deployCluster, input(plan));
    assert.equal(runner.names().includes('hardenAuth'), false);
    assert.ok(runner.names().includes('createKeyspaces') && runner.names().includes('runSmokeTest'));
    assert.equal(finishOf(runner).status, 'Succeeded');
  });

  it('stops when hardening the logins fails, before any keyspace or smoke test', () => {
    const refused = { ok: false, error: { code: 'CASSOPS_CQL_FAILED', message: 'Neither login is accepted' } };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder((c) => (c.name === 'hardenAuth' ? refused : undefined)));
    runner.run(deployCluster, input());
    assert.equal(finishOf(runner).error?.code, 'CASSOPS_CQL_FAILED');
    assert.equal(runner.names().includes('createKeyspaces') || runner.names().includes('runSmokeTest'), false);
  });

  it('fails the deployment with the smoke test\'s code when the read in another DC disagrees', () => {
    const mismatch = { ok: false, error: { code: 'CASSOPS_SMOKE_TEST_FAILED', message: 'read nothing at LOCAL_QUORUM in dc2' } };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder((c) => (c.name === 'runSmokeTest' ? mismatch : undefined)));
    runner.run(deployCluster, input());
    assert.equal(finishOf(runner).error?.code, 'CASSOPS_SMOKE_TEST_FAILED');
    assert.equal(finishOf(runner).clusterState, 'Failed');
    const failed = runner.log.filter((c) => c.name === 'recordProgress' && (c.input as { status: string }).status === 'Failed');
    assert.deepEqual(failed.map((c) => (c.input as { step: string }).step), ['smokeTest']);
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
    const nodeBatches = runner.batches.filter((b) => b[0]?.name === ORCHESTRATIONS.provisionNode).map((b) => b.length);
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

  it('stops at the next step when its lease was broken or taken over, and leaves the cluster\'s state to the new holder', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, responder((c) => {
      const step = (c.input as { step?: string }).step;
      return c.name === 'recordProgress' && step === 'join' ? { recorded: true, holdsLease: false } : undefined;
    }));
    runner.run(deployCluster, input());
    assert.equal(finishOf(runner).error?.code, 'CASSOPS_LEASE_LOST');
    assert.equal(finishOf(runner).clusterState, undefined);
    assert.equal(runner.names().includes('hardenAuth'), false);
  });
});
