import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { deploymentPlanFixture, validSpecFixture } from '../../support/deployment-plan-fixture.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { deployCluster } from '../../../shared/orchestrations/deploy-cluster.js';
import type { RestoreDataInput } from '../../../shared/orchestrations/restore-data.js';
import { ACTIVITIES, ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import { operationPercent } from '../../../shared/domain/operations/operation-steps.js';
import type { DeployClusterInput, FinishOperationInput, RecordProgressInput } from '../../../shared/contracts/activity-io.js';
import type { RestoreRef } from '../../../shared/contracts/backup-io.js';

const plan = deploymentPlanFixture(1, 3);
const RESTORE: RestoreRef = { sourceCluster: 'old', backupId: 'b-1', targetCluster: plan.clusterName, restoreId: 'op-1' };
const input = (restore?: RestoreRef): DeployClusterInput => ({ operationId: 'op-1', plan, spec: validSpecFixture(1, 3),
  settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10, firstBoot: 'ordered' },
  ...(restore ? { restore } : {}) });

/** Every call succeeds (nodes join at once, each node's files load) unless `override` answers it. */
function world(override: (c: Scheduled) => unknown = () => undefined) {
  return (call: Scheduled): unknown => {
    const answer = override(call);
    if (answer !== undefined) return answer;
    switch (call.name) {
      case ACTIVITIES.probeNodeJoined: return { isUpNormal: true, schemaAgrees: true, detail: 'UN' };
      case ACTIVITIES.prepareRestore: return { ok: true, value: { nodes: plan.nodes.map((n) => n.name) } };
      case ACTIVITIES.startNodeJob: return { state: 'Succeeded', detail: 'imported=1', stderrTail: '' };
      default: return { ok: true, value: undefined };
    }
  };
}

/** The operation's own steps, in the order they started. */
const steps = (runner: FakeOrchestrationRunner) => runner.log.filter((c) => c.depth === 0 && c.name === ACTIVITIES.recordProgress)
  .map((c) => c.input as RecordProgressInput).filter((p) => p.status === 'Running').map((p) => p.step);
const ownWork = (runner: FakeOrchestrationRunner) => runner.log.filter((c) => c.depth === 0 && c.name !== ACTIVITIES.recordProgress).map((c) => c.name);
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.depth === 0 && c.name === ACTIVITIES.finishOperation)!.input as FinishOperationInput;

describe('deployCluster with a restore', () => {
  it('runs a restore step between harden and the smoke test', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(deployCluster, input(RESTORE)), { ok: true, value: undefined });
    assert.deepEqual(steps(runner), ['network', 'nodes', 'join', 'harden', 'restore', 'smokeTest']);
    const work = ownWork(runner);
    const restore = work.indexOf(ORCHESTRATIONS.restoreData);
    assert.ok(restore > work.indexOf(ORCHESTRATIONS.hardenCluster) && restore < work.indexOf(ACTIVITIES.runSmokeTest), work.join(', '));
    assert.equal(finishOf(runner).status, 'Succeeded');
    assert.equal(finishOf(runner).clusterState, 'Ready');
  });

  it('runs as a RestoreCluster operation and hands restoreData the restore and that operation', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    runner.run(deployCluster, input(RESTORE));
    const sub = runner.log.find((c) => c.name === ORCHESTRATIONS.restoreData)!;
    assert.deepEqual(sub.input as RestoreDataInput, { restore: RESTORE, operation: { operationId: 'op-1', clusterName: plan.clusterName, kind: 'RestoreCluster' } });
    assert.equal(sub.instanceId, 'op-1:restore');
    // The percents follow the RestoreCluster step table (DeployCluster's has no restore step).
    const restoreRunning = runner.log.map((c) => c.input as RecordProgressInput)
      .find((p) => p?.step === 'restore' && p.status === 'Running' && p.stepPercent === 0)!;
    assert.equal(restoreRunning.operationPercent, operationPercent('RestoreCluster', 'restore', 0));
    assert.deepEqual(runner.log.find((c) => c.name === ACTIVITIES.prepareRestore)!.input, RESTORE);
    assert.deepEqual((runner.customStatus.at(-1) as { lastEvent: string }).lastEvent, 'RestoreCluster succeeded');
  });

  it('fails the cluster and runs no smoke test when the restore fails', () => {
    const conflict = { ok: false, error: { code: 'CASSOPS_RESTORE_SCHEMA_CONFLICT', message: 'ks.a exists' } };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.prepareRestore ? conflict : undefined));
    assert.deepEqual(runner.run(deployCluster, input(RESTORE)), conflict);
    assert.equal(runner.names().includes(ACTIVITIES.runSmokeTest), false);
    assert.equal(finishOf(runner).status, 'Failed');
    assert.equal(finishOf(runner).clusterState, 'Failed');
    assert.deepEqual(finishOf(runner).error, conflict.error);
  });
});

describe('deployCluster without a restore', () => {
  it('keeps its schedule: no restore step, no restore work, a DeployCluster operation', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(deployCluster, input()), { ok: true, value: undefined });
    assert.deepEqual(steps(runner), ['network', 'nodes', 'join', 'harden', 'smokeTest']);
    assert.equal(runner.log.some((c) => c.name === ORCHESTRATIONS.restoreData || c.name === ACTIVITIES.prepareRestore || c.name === ORCHESTRATIONS.runNodeJob), false);
    assert.deepEqual((runner.customStatus.at(-1) as { lastEvent: string }).lastEvent, 'DeployCluster succeeded');
  });

  it('schedules exactly what a restore schedules, less the restore step and its work', () => {
    const plain = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    plain.run(deployCluster, input());
    const restoring = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    restoring.run(deployCluster, input(RESTORE));
    // The restore's own calls: its sub-orchestration and all it scheduled, and the progress records of its step.
    const isRestoreWork = (c: Scheduled) => c.depth > 0 && (c.name === ACTIVITIES.prepareRestore || c.name === ORCHESTRATIONS.runNodeJob
      || c.name === ACTIVITIES.startNodeJob || c.name === ACTIVITIES.deleteNodeJob || (c.name === ACTIVITIES.recordProgress && (c.input as RecordProgressInput).step === 'restore'));
    const shape = (log: Scheduled[]) => log.filter((c) => !isRestoreWork(c) && c.name !== ORCHESTRATIONS.restoreData
      && !(c.name === ACTIVITIES.recordProgress && (c.input as RecordProgressInput).step === 'restore')).map((c) => `${c.depth}:${c.kind}:${c.name}`);
    assert.deepEqual(shape(restoring.log), shape(plain.log));
  });
});
