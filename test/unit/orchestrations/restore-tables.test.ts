import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { restoreTables } from '../../../shared/orchestrations/restore-tables.js';
import { ACTIVITIES, ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { NodeJobInput, RestoreRef, RestoreTablesInput } from '../../../shared/contracts/backup-io.js';
import type { FinishOperationInput, RecordProgressInput } from '../../../shared/contracts/activity-io.js';

const INPUT: RestoreTablesInput = { operationId: 'r-1', clusterName: 'demo', restoreId: 'r-1', backupId: 'b-1', tables: ['ks1.users', 'ks1.orders'] };
const REF = { clusterName: 'demo', restoreId: 'r-1', backupId: 'b-1', tables: ['ks1.users', 'ks1.orders'] };

/**
 * The safety backup runs as operation `r-1-safety` (Running at its first read) and succeeds, the
 * truncate empties both tables, and the cluster's two nodes load their files, unless `override` answers.
 */
function world(override: (c: Scheduled) => unknown = () => undefined) {
  let reads = 0;
  return (call: Scheduled): unknown => {
    const answer = override(call);
    if (answer !== undefined) return answer;
    switch (call.name) {
      case ACTIVITIES.startSafetyBackup: return { ok: true, value: { operationId: 'r-1-safety' } };
      case ACTIVITIES.readOperationOutcome: return ++reads === 1 ? { status: 'Running' } : { status: 'Succeeded' };
      case ACTIVITIES.truncateTables: return { ok: true, value: { truncated: 2 } };
      case ACTIVITIES.prepareRestore: return { ok: true, value: { nodes: ['demo-dc1-0', 'demo-dc1-1'] } };
      case ACTIVITIES.startNodeJob: return { state: 'Succeeded', detail: 'files=4', stderrTail: '' };
      case ACTIVITIES.recordProgress: return { recorded: true, holdsLease: true };
      default: return undefined;
    }
  };
}

const work = (runner: FakeOrchestrationRunner) => runner.log.filter((c) => c.name !== ACTIVITIES.recordProgress && c.name !== ACTIVITIES.finishOperation
  && c.name !== ACTIVITIES.readOperationOutcome && c.kind !== 'timer').map((c) => c.name);
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.name === ACTIVITIES.finishOperation)!.input as FinishOperationInput;

describe('restoreTables', () => {
  it('takes the safety backup to its end, empties the tables, then loads each node\'s own files, and succeeds leaving the cluster\'s state alone', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(restoreTables, INPUT, 'r-1'), { ok: true, value: undefined });
    assert.deepEqual(work(runner), [ORCHESTRATIONS.followOperation, ACTIVITIES.startSafetyBackup, ACTIVITIES.truncateTables,
      ORCHESTRATIONS.restoreData, ACTIVITIES.prepareRestore, ORCHESTRATIONS.runNodeJob, ACTIVITIES.startNodeJob, ACTIVITIES.deleteNodeJob,
      ORCHESTRATIONS.runNodeJob, ACTIVITIES.startNodeJob, ACTIVITIES.deleteNodeJob]);
    assert.deepEqual(runner.log.find((c) => c.name === ACTIVITIES.startSafetyBackup)!.input, REF);
    assert.equal(runner.log.find((c) => c.name === ORCHESTRATIONS.followOperation)!.instanceId, 'r-1:safety');
    assert.ok(runner.log.some((c) => c.kind === 'timer'), 'the safety backup is read again after a wait while it runs');
    assert.deepEqual(runner.log.find((c) => c.name === ACTIVITIES.truncateTables)!.input, REF);
    const restore: RestoreRef = { sourceCluster: 'demo', targetCluster: 'demo', backupId: 'b-1', restoreId: 'r-1', tables: ['ks1.users', 'ks1.orders'] };
    assert.deepEqual(runner.log.find((c) => c.name === ACTIVITIES.prepareRestore)!.input, restore);
    assert.deepEqual(runner.log.filter((c) => c.name === ORCHESTRATIONS.runNodeJob).map((c) => (c.input as NodeJobInput).clusterName), ['demo', 'demo']);
    const finish = finishOf(runner);
    assert.deepEqual([finish.status, finish.clusterState], ['Succeeded', undefined]);
    const steps = runner.log.filter((c) => c.name === ACTIVITIES.recordProgress).map((c) => c.input as RecordProgressInput)
      .filter((p) => p.status === 'Succeeded').map((p) => [p.step, p.message]);
    assert.deepEqual(steps, [['safety', 'backup r-1-safety holds the tables as they were'], ['truncate', '2 of 2 tables emptied'], ['restore', undefined]]);
  });

  it('touches nothing when the safety backup fails: no table is emptied or loaded, and the operation fails with its error', () => {
    const failed = { code: 'CASSOPS_NODE_SCRIPT_FAILED', message: 'snapshotBackup on demo-dc1-1 failed: nodetool' };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.readOperationOutcome
      ? { status: 'Failed', error: failed } : undefined));
    assert.deepEqual(runner.run(restoreTables, INPUT, 'r-1'), { ok: false, error: failed });
    assert.deepEqual(work(runner), [ORCHESTRATIONS.followOperation, ACTIVITIES.startSafetyBackup]);
    assert.deepEqual([finishOf(runner).status, finishOf(runner).error], ['Failed', failed]);
  });

  it('loads nothing when the tables cannot be emptied (a node down), and fails with that error', () => {
    const down = { ok: false, error: { code: 'CASSOPS_CLUSTER_UNHEALTHY', message: 'TRUNCATE needs every node up; down: demo-dc1-1.' } };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.truncateTables ? down : undefined));
    assert.deepEqual(runner.run(restoreTables, INPUT, 'r-1'), down);
    assert.equal(runner.names('sub').includes(ORCHESTRATIONS.restoreData), false);
    assert.equal(finishOf(runner).status, 'Failed');
  });

  it('fails the operation naming the file when a node finds one corrupt, never reporting the restore done', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.startNodeJob && (c.input as NodeJobInput).node === 'demo-dc1-1'
      ? { state: 'Failed', detail: 'checksum-mismatch ks1/users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b/nb-1-big-Data.db', stderrTail: '' } : undefined));
    const result = runner.run(restoreTables, INPUT, 'r-1') as { ok: boolean; error?: { code: string; message: string } };
    assert.equal(result.error?.code, 'CASSOPS_RESTORE_FILE_INVALID');
    const finish = finishOf(runner);
    assert.deepEqual([finish.status, finish.error?.code], ['Failed', 'CASSOPS_RESTORE_FILE_INVALID']);
    assert.match(finish.error?.message ?? '', /ks1\/users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b\/nb-1-big-Data\.db/);
    const failedStep = runner.log.filter((c) => c.name === ACTIVITIES.recordProgress).map((c) => c.input as RecordProgressInput).at(-1);
    assert.deepEqual([failedStep?.step, failedStep?.status], ['restore', 'Failed']);
  });
});
