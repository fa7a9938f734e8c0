import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { OperationRef } from '../contracts/activity-io.js';
import type { RestoreRef, RestoreTablesInput, TableRestoreRef } from '../contracts/backup-io.js';
import { safetyBackupId } from '../domain/backup/plan-table-restore.js';
import type { Result } from '../errors/result.js';
import { callActivity, callSub } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { runOperation } from './kit/run-operation.js';
import type { FollowOperationInput } from './follow-operation.js';
import type { RestoreDataInput } from './restore-data.js';

/**
 * An in-place restore of some tables through the operation lifecycle: a safety backup of them
 * (its own BackupCluster operation, followed to its end) → each table emptied → the backup's
 * files loaded into them (restoreData, each node taking back its own files). Every step stops
 * the restore at its first failure, so a safety backup that fails empties nothing, and a file
 * missing or corrupt fails the operation naming it. The cluster stays Ready throughout: it
 * serves the other tables, and the safety backup holds the restored ones as they were.
 */
export function* restoreTables(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operationId, clusterName, restoreId, backupId, tables } = context.df.getInput<RestoreTablesInput>();
  const ref: TableRestoreRef = { clusterName, restoreId, backupId, tables };
  const operation: OperationRef = { operationId, clusterName, kind: 'RestoreTables' };
  const restore: RestoreRef = { sourceCluster: clusterName, targetCluster: clusterName, backupId, restoreId, tables };
  return yield* runOperation(context, operation, [
    { name: 'safety', start: () => [callSub(context, ORCHESTRATIONS.followOperation,
      { start: ACTIVITIES.startSafetyBackup, input: ref } satisfies FollowOperationInput, 'safety')],
    summarize: () => `backup ${safetyBackupId(restoreId)} holds the tables as they were` },
    { name: 'truncate', start: () => [callActivity(context, ACTIVITIES.truncateTables, 'cql', ref)],
      summarize: ([r]) => {
        const emptied = r as Result<{ truncated: number }>;
        return emptied.ok ? `${emptied.value.truncated} of ${tables.length} tables emptied` : undefined;
      } },
    { name: 'restore', start: () => [callSub(context, ORCHESTRATIONS.restoreData,
      { restore, operation } satisfies RestoreDataInput, 'restore')] },
  ], {});
}
