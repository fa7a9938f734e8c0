import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { OperationRef } from '../contracts/activity-io.js';
import type { DrillBackupInput, DrillRef, RecordDrillInput } from '../contracts/backup-io.js';
import type { ErrorInfo } from '../errors/ops-error.js';
import type { Result } from '../errors/result.js';
import { callActivity, callSub } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { runOperation } from './kit/run-operation.js';
import type { FollowOperationInput } from './follow-operation.js';

/**
 * A restore drill through the operation lifecycle: the backup restored into a throwaway cluster
 * (its own RestoreCluster operation, followed to its end), checked over CQL (every table
 * readable, the recorded row counts held), the throwaway cluster deleted (its own DeleteCluster
 * operation), and the drill recorded with its RPO and RTO. A drill that fails still deletes
 * what it created, and is recorded Failed, before its operation closes.
 */
export function* drillBackup(context: OrchestrationContextLike): Orchestration<Result<void>> {
  return yield* drillBackupWith(context, 'beforeClose');
}

/**
 * drillBackup_v1, still registered for instances started before v2: the same drill, but its
 * failure cleaned up and recorded after the operation closed. Replay needs that order kept.
 */
export function* drillBackupV1(context: OrchestrationContextLike): Orchestration<Result<void>> {
  return yield* drillBackupWith(context, 'afterClose');
}

function* drillBackupWith(context: OrchestrationContextLike, failureHandled: 'beforeClose' | 'afterClose'): Orchestration<Result<void>> {
  const { operationId, clusterName, drillId } = context.df.getInput<DrillBackupInput>();
  const ref: DrillRef = { clusterName, drillId };
  const operation: OperationRef = { operationId, clusterName, kind: 'RestoreDrill' };
  const follow = (start: FollowOperationInput['start'], suffix: string) =>
    callSub(context, ORCHESTRATIONS.followOperation, { start, input: ref } satisfies FollowOperationInput, suffix);
  let checked: Pick<RecordDrillInput, 'restoredAt' | 'tablesChecked' | 'rowsChecked'> = {};
  const handleFailure = function* (error: ErrorInfo): Orchestration<void> {
    // What the drill created goes whatever failed (the cleanup itself may be what failed: it is tried once more).
    try {
      yield follow(ACTIVITIES.startDrillCleanup, 'cleanup-after-failure');
    } catch {
      // The drill's own failure is the one to report; the throwaway cluster's delete shows in its operation.
    }
    yield callActivity(context, ACTIVITIES.recordDrill, 'finish', { ...ref, status: 'Failed', ...checked, error } satisfies RecordDrillInput);
  };
  const result = yield* runOperation(context, operation, [
    { name: 'restore', start: () => [follow(ACTIVITIES.startDrillRestore, 'restore')] },
    { name: 'check', start: () => [callActivity(context, ACTIVITIES.checkDrillRestore, 'cql', ref)],
      summarize: ([r]) => {
        const found = r as Result<{ tablesChecked: number; rowsChecked: number }>;
        if (!found.ok) return undefined;
        checked = { ...found.value, restoredAt: context.df.currentUtcDateTime.toISOString() };
        return `${found.value.tablesChecked} tables readable, ${found.value.rowsChecked} rows counted`;
      } },
    { name: 'cleanup', start: () => [follow(ACTIVITIES.startDrillCleanup, 'cleanup')] },
    { name: 'record', start: () => [callActivity(context, ACTIVITIES.recordDrill, 'bookkeeping',
      { ...ref, status: 'Succeeded', ...checked } satisfies RecordDrillInput)] },
  ], failureHandled === 'beforeClose' ? { handleFailure } : {});
  if (!result.ok && failureHandled === 'afterClose') yield* handleFailure(result.error);
  return result;
}
