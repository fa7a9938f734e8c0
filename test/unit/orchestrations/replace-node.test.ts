import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, NO_EVENT_YET, type Scheduled } from '../../support/fake-orchestration-context.js';
import { deploymentPlanFixture, validSpecFixture } from '../../support/deployment-plan-fixture.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { replaceNode } from '../../../shared/orchestrations/replace-node.js';
import { ACTIVITIES } from '../../../shared/contracts/names.js';
import { APPROVAL_EVENT } from '../../../shared/contracts/approval-io.js';
import type { CreateVmInput, FinishOperationInput, ProbeNodeJoinedInput, RecordProgressInput } from '../../../shared/contracts/activity-io.js';
import type { RecordDecisionInput, RecordProposalInput } from '../../../shared/contracts/approval-io.js';
import type { ReplaceNodeInput } from '../../../shared/contracts/replace-io.js';

const PLAN = deploymentPlanFixture(1, 3);
const NODE = PLAN.nodes[1]!;
const SETTINGS = { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 4, firstBoot: 'parallel' as const };
const input = (approval?: ReplaceNodeInput['approval']): ReplaceNodeInput => ({ operationId: 'op-1', clusterName: 'demo', plan: PLAN, settings: SETTINGS,
  machine: { clusterName: 'demo', node: { ...NODE, initial: false }, vm: PLAN.vm, tags: PLAN.tags, spec: validSpecFixture(1, 3), firstBoot: 'parallel',
    replaceAddress: NODE.privateIp },
  ...(approval ? { approval } : {}) });
const APPROVAL = { action: `replace ${NODE.name} at its address`, reason: 'its VM is gone', timeoutInMs: 3 * 60_000 };

/** Answers every call as a healthy run would; `event` answers the approval event (NO_EVENT_YET until it is raised). */
function world(event: (call: Scheduled) => unknown = () => NO_EVENT_YET, override: (c: Scheduled) => unknown = () => undefined) {
  return (call: Scheduled): unknown => {
    const answer = override(call);
    if (answer !== undefined) return answer;
    if (call.kind === 'event') return event(call);
    switch (call.name) {
      case ACTIVITIES.probeNodeJoined: return { isUpNormal: true, schemaAgrees: true, detail: 'UN' };
      case ACTIVITIES.recordProgress: return { recorded: true, holdsLease: true };
      case ACTIVITIES.recordProposal: case ACTIVITIES.recordDecision: return undefined;
      default: return { ok: true, value: undefined };
    }
  };
}
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.name === ACTIVITIES.finishOperation)!.input as FinishOperationInput;
const touched = (runner: FakeOrchestrationRunner) => runner.names().filter((n) => [ACTIVITIES.checkReplaceReady, ACTIVITIES.recordProposal,
  ACTIVITIES.recordDecision, ACTIVITIES.deleteNodeResources, ACTIVITIES.createOrUpdateNic, ACTIVITIES.createOrUpdateVm, ACTIVITIES.runNodeScript,
  ACTIVITIES.probeNodeJoined].includes(n as never));

describe('replaceNode', () => {
  it('asked by a person: checks, deletes what is left of the machine, recreates it at the same address with replace_address_first_boot, joins it seeing every node', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(replaceNode, input(), 'op-1'), { ok: true, value: undefined });
    assert.deepEqual(touched(runner), [ACTIVITIES.checkReplaceReady, ACTIVITIES.deleteNodeResources, ACTIVITIES.createOrUpdateNic,
      ACTIVITIES.createOrUpdateVm, ACTIVITIES.runNodeScript, ACTIVITIES.probeNodeJoined]);
    const vm = runner.log.find((c) => c.name === ACTIVITIES.createOrUpdateVm)!.input as CreateVmInput;
    assert.deepEqual([vm.node.name, vm.node.privateIp, vm.replaceAddress, vm.node.initial], [NODE.name, NODE.privateIp, NODE.privateIp, false]);
    assert.equal((runner.log.find((c) => c.name === ACTIVITIES.probeNodeJoined)!.input as ProbeNodeJoinedInput).expectedNodes, 3);
    const finish = finishOf(runner);
    assert.deepEqual([finish.status, finish.clusterState], ['Succeeded', undefined]);
  });

  it('with an approval: proposes and waits, renewing the lease each minute, then runs on once approved', () => {
    let asked = 0;
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(() => (++asked < 3 ? NO_EVENT_YET
      : { approved: true, by: 'ada', at: '2026-01-01T00:02:00.000Z', reason: 'VM deleted by mistake' })));
    assert.deepEqual(runner.run(replaceNode, input(APPROVAL), 'op-1'), { ok: true, value: undefined });
    const proposal = runner.log.find((c) => c.name === ACTIVITIES.recordProposal)!.input as RecordProposalInput;
    assert.deepEqual(proposal, { operationId: 'op-1', action: APPROVAL.action, reason: APPROVAL.reason, expiresAt: '2026-01-01T00:03:00.000Z' });
    const renewals = runner.log.filter((c) => c.name === ACTIVITIES.recordProgress && (c.input as RecordProgressInput).step === 'approval'
      && (c.input as RecordProgressInput).message?.startsWith('awaiting approval'));
    assert.equal(renewals.length, 2, 'a lease renewal each minute without an answer');
    assert.deepEqual((runner.log.find((c) => c.name === ACTIVITIES.recordDecision)!.input as RecordDecisionInput).decision.by, 'ada');
    assert.ok(touched(runner).indexOf(ACTIVITIES.recordDecision) < touched(runner).indexOf(ACTIVITIES.deleteNodeResources), 'nothing changes before the answer');
    assert.equal(runner.log.filter((c) => c.kind === 'event').length, 1, 'the event is waited for once');
  });

  it('a rejection ends it with the reason recorded and nothing changed', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(() => ({ approved: false, by: 'ada', at: '2026-01-01T00:00:30.000Z', reason: 'VM is being restored' })));
    const result = runner.run(replaceNode, input(APPROVAL), 'op-1') as { ok: boolean; error: { code: string; message: string } };
    assert.deepEqual([result.ok, result.error.code], [false, 'CASSOPS_APPROVAL_REJECTED']);
    assert.match(result.error.message, /ada rejected "replace .*": VM is being restored; nothing was changed/);
    assert.deepEqual(touched(runner), [ACTIVITIES.checkReplaceReady, ACTIVITIES.recordProposal, ACTIVITIES.recordDecision]);
    assert.deepEqual([finishOf(runner).status, finishOf(runner).clusterState, finishOf(runner).error?.code], ['Failed', undefined, 'CASSOPS_APPROVAL_REJECTED']);
  });

  it('no answer before the timeout ends it the same way, the decision recorded as by timeout', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    const result = runner.run(replaceNode, input(APPROVAL), 'op-1') as { ok: boolean; error: { code: string; message: string } };
    assert.deepEqual([result.ok, result.error.code], [false, 'CASSOPS_APPROVAL_TIMED_OUT']);
    const decision = (runner.log.find((c) => c.name === ACTIVITIES.recordDecision)!.input as RecordDecisionInput).decision;
    assert.deepEqual([decision.approved, decision.by, decision.reason], [false, 'timeout', 'no answer within 3 min']);
    assert.equal(runner.now.toISOString(), '2026-01-01T00:03:00.000Z', 'it waited exactly until the deadline');
    assert.ok(!touched(runner).includes(ACTIVITIES.deleteNodeResources));
  });

  it('a live node ends it at the check, before any proposal or change', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(undefined, (c) => (c.name === ACTIVITIES.checkReplaceReady
      ? { ok: false, error: { code: 'CASSOPS_NODE_ALIVE', message: `${NODE.name} is up` } } : undefined)));
    const result = runner.run(replaceNode, input(APPROVAL), 'op-1') as { ok: boolean; error: { code: string } };
    assert.equal(result.error.code, 'CASSOPS_NODE_ALIVE');
    assert.deepEqual(touched(runner), [ACTIVITIES.checkReplaceReady]);
  });

  it('waits for the approval event under its registered name', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(() => ({ approved: true, by: 'ada', at: 'x' })));
    runner.run(replaceNode, input(APPROVAL), 'op-1');
    assert.deepEqual(runner.log.filter((c) => c.kind === 'event').map((c) => c.name), [APPROVAL_EVENT]);
  });
});
