import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { OperationRef } from '../contracts/activity-io.js';
import type { NodeJobInput, RestoreRef } from '../contracts/backup-io.js';
import type { Result } from '../errors/result.js';
import { callActivity, callSub, firstFailure } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { recordProgress } from './kit/record-progress.js';

/** The restore step's input: the restore, and the operation whose progress it records. */
export interface RestoreDataInput {
  restore: RestoreRef;
  operation: OperationRef;
}

/**
 * Loads a backup into the hardened new cluster: the schema with the backup's table ids and each
 * node's restore plan (prepareRestore), then every node downloads, verifies and imports its files
 * in parallel. A file missing or not matching its checksum fails the restore naming it, before
 * that table is imported.
 */
export function* restoreData(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { restore, operation } = context.df.getInput<RestoreDataInput>();
  const prepared = (yield callActivity(context, ACTIVITIES.prepareRestore, 'cql', restore)) as Result<{ nodes: string[] }>;
  if (!prepared.ok) return prepared;
  yield recordProgress(context, operation, { step: 'restore', status: 'Running', stepPercent: 10,
    message: `schema restored; ${prepared.value.nodes.length} nodes loading their files` });
  const loads = prepared.value.nodes.map((node) => callSub(context, ORCHESTRATIONS.runNodeJob, { clusterName: restore.targetCluster, node,
    job: { script: 'restoreFiles', sourceCluster: restore.sourceCluster, backupId: restore.backupId, restoreId: restore.restoreId } } satisfies NodeJobInput,
  `load-${node}`));
  const results = (yield context.df.Task.all(loads)) as Result<unknown>[];
  const failure = firstFailure(results);
  return failure ? { ok: false, error: failure } : { ok: true, value: undefined };
}
