import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { startNode } from '../../../shared/orchestrations/start-node.js';
import { ACTIVITIES } from '../../../shared/contracts/names.js';
import type { FinishOperationInput, ProbeNodeJoinedInput } from '../../../shared/contracts/activity-io.js';
import type { StartNodeInput } from '../../../shared/contracts/start-node-io.js';

const PLAN = deploymentPlanFixture(1, 3);
const INPUT: StartNodeInput = { operationId: 'op-1', clusterName: 'demo', node: PLAN.nodes[0]!, plan: PLAN,
  settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 4, firstBoot: 'parallel' } };

function world(override: (c: Scheduled) => unknown = () => undefined) {
  return (call: Scheduled): unknown => override(call) ?? (call.name === ACTIVITIES.probeNodeJoined ? { isUpNormal: true, schemaAgrees: true, detail: 'UN' }
    : call.name === ACTIVITIES.recordProgress ? { recorded: true, holdsLease: true } : { ok: true, value: undefined });
}

describe('startNode', () => {
  it('powers the VM on, then starts Cassandra if the boot did not and waits until the node is UN seeing every node', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(startNode, INPUT, 'op-1'), { ok: true, value: undefined });
    assert.deepEqual(runner.names().filter((n) => [ACTIVITIES.startVm, ACTIVITIES.runNodeScript, ACTIVITIES.probeNodeJoined].includes(n as never)),
      [ACTIVITIES.startVm, ACTIVITIES.runNodeScript, ACTIVITIES.probeNodeJoined]);
    assert.deepEqual(runner.log.find((c) => c.name === ACTIVITIES.startVm)!.input, { resourceGroup: PLAN.nodes[0]!.resourceGroup, vmName: PLAN.nodes[0]!.vmName });
    assert.equal((runner.log.find((c) => c.name === ACTIVITIES.probeNodeJoined)!.input as ProbeNodeJoinedInput).expectedNodes, 3);
    const finish = runner.log.find((c) => c.name === ACTIVITIES.finishOperation)!.input as FinishOperationInput;
    assert.deepEqual([finish.status, finish.clusterState], ['Succeeded', undefined]);
  });

  it('a VM Azure will not start ends it with Azure\'s reason, before Cassandra is touched', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => (c.name === ACTIVITIES.startVm
      ? { ok: false, error: { code: 'CASSOPS_ARM_FAILED', message: 'start VM vm-1: AllocationFailed', azureCode: 'AllocationFailed' } } : undefined)));
    const result = runner.run(startNode, INPUT, 'op-1') as { ok: boolean; error: { code: string } };
    assert.deepEqual([result.ok, result.error.code], [false, 'CASSOPS_ARM_FAILED']);
    assert.ok(!runner.names().includes(ACTIVITIES.runNodeScript));
  });
});
