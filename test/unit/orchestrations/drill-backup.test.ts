import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { drillBackup, drillBackupV1 } from '../../../shared/orchestrations/drill-backup.js';
import { FOLLOW_POLL_SECONDS } from '../../../shared/orchestrations/follow-operation.js';
import { ACTIVITIES, ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import { RETRY_PROFILES } from '../../../shared/contracts/retry-profiles.js';
import type { RecordDrillInput } from '../../../shared/contracts/backup-io.js';
import type { FinishOperationInput } from '../../../shared/contracts/activity-io.js';

const INPUT = { operationId: 'd-1', clusterName: 'demo', drillId: 'd-1' };
const REF = { clusterName: 'demo', drillId: 'd-1' };
const START = new Date('2026-01-01T00:00:00Z');
const checkFailed = { ok: false, error: { code: 'CASSOPS_DRILL_CHECK_FAILED', message: 'ks.a: backup recorded 3 rows, restore holds 2' } };

/**
 * The restore runs as operation `restore-op` (Running at its first read, so the clock moves one
 * poll), the cleanup as `delete-op`; both succeed and the check finds 2 tables, 10 rows, unless
 * `override` answers.
 */
function world(override: (c: Scheduled) => unknown = () => undefined) {
  const reads = new Map<string, number>();
  return (call: Scheduled): unknown => {
    const answer = override(call);
    if (answer !== undefined) return answer;
    switch (call.name) {
      case ACTIVITIES.startDrillRestore: return { ok: true, value: { operationId: 'restore-op' } };
      case ACTIVITIES.startDrillCleanup: return { ok: true, value: { operationId: 'delete-op' } };
      case ACTIVITIES.readOperationOutcome: {
        const { operationId } = call.input as { operationId: string };
        const n = (reads.get(operationId) ?? 0) + 1;
        reads.set(operationId, n);
        return operationId === 'restore-op' && n === 1 ? { status: 'Running' } : { status: 'Succeeded' };
      }
      case ACTIVITIES.checkDrillRestore: return { ok: true, value: { tablesChecked: 2, rowsChecked: 10 } };
      case ACTIVITIES.recordProgress: return { recorded: true, holdsLease: true };
      default: return { ok: true, value: undefined };
    }
  };
}

/** A drill whose check fails, then whose `activity` throws `message`. */
const checkFailsThenThrows = (activity: string, message: string) => new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => {
  if (c.name === ACTIVITIES.checkDrillRestore) return checkFailed;
  return c.name === activity ? { throws: new Error(message) } : undefined;
}), START);
const own = (runner: FakeOrchestrationRunner) => runner.log.filter((c) => c.depth === 0 && c.name !== ACTIVITIES.recordProgress);
const records = (runner: FakeOrchestrationRunner) => runner.log.filter((c) => c.name === ACTIVITIES.recordDrill).map((c) => c.input as RecordDrillInput);
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.name === ACTIVITIES.finishOperation)!.input as FinishOperationInput;
const follows = (runner: FakeOrchestrationRunner) => runner.log.filter((c) => c.name === ORCHESTRATIONS.followOperation)
  .map((c) => `${(c.input as { start: string }).start} as ${c.instanceId}`);

describe('drillBackup', () => {
  it('restores into a throwaway cluster, checks it, deletes it, then records the drill Succeeded', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(), START);
    assert.deepEqual(runner.run(drillBackup, INPUT, 'd-1'), { ok: true, value: undefined });
    assert.deepEqual(own(runner).map((c) => c.name), [ORCHESTRATIONS.followOperation, ACTIVITIES.checkDrillRestore,
      ORCHESTRATIONS.followOperation, ACTIVITIES.recordDrill, ACTIVITIES.finishOperation]);
    assert.deepEqual(follows(runner), [`${ACTIVITIES.startDrillRestore} as d-1:restore`, `${ACTIVITIES.startDrillCleanup} as d-1:cleanup`]);
    for (const c of runner.log.filter((c) => c.name === ACTIVITIES.startDrillRestore || c.name === ACTIVITIES.startDrillCleanup)) {
      assert.deepEqual(c.input, REF, c.name);
    }
    assert.deepEqual(runner.log.find((c) => c.name === ACTIVITIES.checkDrillRestore)!.input, REF);
    assert.equal(finishOf(runner).status, 'Succeeded');
  });

  it('records when the restored data was checked readable (after the restore ended), with what the check counted', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(), START);
    runner.run(drillBackup, INPUT, 'd-1');
    assert.deepEqual(records(runner), [{ ...REF, status: 'Succeeded', tablesChecked: 2, rowsChecked: 10,
      restoredAt: new Date(START.getTime() + FOLLOW_POLL_SECONDS * 1000).toISOString() }]);
  });

  it('still deletes the throwaway cluster when the check fails, and records the drill Failed with the check\'s error', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.checkDrillRestore ? checkFailed : undefined), START);
    const result = runner.run(drillBackup, INPUT, 'd-1');
    assert.deepEqual(result, checkFailed);
    assert.deepEqual(follows(runner), [`${ACTIVITIES.startDrillRestore} as d-1:restore`, `${ACTIVITIES.startDrillCleanup} as d-1:cleanup-after-failure`]);
    assert.deepEqual(records(runner), [{ ...REF, status: 'Failed', error: checkFailed.error }], 'no restoredAt: the data was never found readable');
    const cleanup = runner.log.findIndex((c) => c.name === ACTIVITIES.startDrillCleanup);
    const record = runner.log.findIndex((c) => c.name === ACTIVITIES.recordDrill);
    assert.ok(cleanup < record, 'the drill is recorded once its cluster is deleted');
    assert.equal(runner.log[record]!.maxAttempts, RETRY_PROFILES.finish.maxNumberOfAttempts, 'the Failed record retries like closing an operation');
    assert.equal(finishOf(runner).status, 'Failed');
    assert.deepEqual(own(runner).slice(-3).map((c) => c.name), [ORCHESTRATIONS.followOperation, ACTIVITIES.recordDrill, ACTIVITIES.finishOperation],
      'the operation closes once the throwaway cluster is deleted and the drill recorded Failed');
  });

  it('v1 (instances started before v2) deletes and records after the operation closed, as it was started', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.checkDrillRestore ? checkFailed : undefined), START);
    assert.deepEqual(runner.run(drillBackupV1, INPUT, 'd-1'), checkFailed);
    assert.deepEqual(own(runner).slice(-3).map((c) => c.name), [ACTIVITIES.finishOperation, ORCHESTRATIONS.followOperation, ACTIVITIES.recordDrill]);
  });

  it('closes the operation when recording the failed drill throws, naming that fault beside the drill\'s own', () => {
    const runner = checkFailsThenThrows(ACTIVITIES.recordDrill, 'CASSOPS_STATE_CONFLICT: drill d-1 changed');
    const result = runner.run(drillBackup, INPUT, 'd-1') as { ok: false; error: { code: string; message: string } };
    assert.equal(result.error.code, checkFailed.error.code);
    assert.match(result.error.message, /restore holds 2 \(then handling the failure failed: drill d-1 changed\)$/);
    assert.deepEqual(finishOf(runner).error, result.error);
  });

  it('checks nothing when the restore fails, but still deletes what it created and records the restore\'s error', () => {
    const restoreFailed = { code: 'CASSOPS_RESTORE_FILE_INVALID', message: 'checksum-mismatch ks/t/nb-1-big-Data.db' };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.readOperationOutcome
      && (c.input as { operationId: string }).operationId === 'restore-op' ? { status: 'Failed', error: restoreFailed } : undefined), START);
    assert.deepEqual(runner.run(drillBackup, INPUT, 'd-1'), { ok: false, error: restoreFailed });
    assert.equal(runner.names().includes(ACTIVITIES.checkDrillRestore), false);
    assert.deepEqual(follows(runner), [`${ACTIVITIES.startDrillRestore} as d-1:restore`, `${ACTIVITIES.startDrillCleanup} as d-1:cleanup-after-failure`]);
    assert.deepEqual(records(runner), [{ ...REF, status: 'Failed', error: restoreFailed }]);
  });

  it('tries the delete once more when the cleanup step fails, and keeps what the check found in the Failed record', () => {
    const deleteFailed = { code: 'CASSOPS_ARM_FAILED', message: 'rg-demo-drill: ScopeLocked' };
    let deletes = 0;
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.readOperationOutcome
      && (c.input as { operationId: string }).operationId === 'delete-op' && deletes++ === 0 ? { status: 'Failed', error: deleteFailed } : undefined), START);
    assert.deepEqual(runner.run(drillBackup, INPUT, 'd-1'), { ok: false, error: deleteFailed });
    assert.deepEqual(follows(runner), [`${ACTIVITIES.startDrillRestore} as d-1:restore`, `${ACTIVITIES.startDrillCleanup} as d-1:cleanup`,
      `${ACTIVITIES.startDrillCleanup} as d-1:cleanup-after-failure`]);
    const [record] = records(runner);
    assert.equal(records(runner).length, 1);
    assert.equal(record?.status, 'Failed');
    assert.deepEqual(record?.error, deleteFailed);
    assert.equal(record?.tablesChecked, 2);
    assert.ok(record?.restoredAt, 'the restore was proven readable before the delete failed');
  });

  it('records the drill\'s own failure when the delete after it throws', () => {
    const runner = checkFailsThenThrows(ACTIVITIES.startDrillCleanup, 'CASSOPS_CLUSTER_BUSY: demo-drill is busy');
    assert.deepEqual(runner.run(drillBackup, INPUT, 'd-1'), checkFailed);
    assert.deepEqual(records(runner), [{ ...REF, status: 'Failed', error: checkFailed.error }]);
  });
});
