import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { OperationRef } from '../contracts/activity-io.js';
import type { BackupClusterInput, BackupNodeInput, BackupReady, BackupRef, NodeBackupStats, NodeJobInput } from '../contracts/backup-io.js';
import type { ErrorInfo } from '../errors/ops-error.js';
import { fail, type Result } from '../errors/result.js';
import { callActivity, callSub } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { runOperation } from './kit/run-operation.js';

/**
 * A cluster-wide backup through the operation lifecycle: check (nodes up, ring, schema, row
 * counts) → every node in parallel snapshots, plans its differential upload and uploads it →
 * the manifest, written last → each node's snapshot cleared and retention applied. A backup that
 * fails is marked Failed (never offered for a restore) and its snapshots are cleared, before its
 * operation closes.
 */
export function* backupCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  return yield* backupClusterWith(context, 'beforeClose', ORCHESTRATIONS.backupNode);
}

/** backupCluster_v2, still registered for instances started before v3: each node's part is backupNode_v1's two jobs. */
export function* backupClusterV2(context: OrchestrationContextLike): Orchestration<Result<void>> {
  return yield* backupClusterWith(context, 'beforeClose', ORCHESTRATIONS.backupNodeV1);
}

/**
 * backupCluster_v1, still registered for instances started before v2: the same backup, but its
 * failure recorded and cleaned up after the operation closed. Replay needs that order kept.
 */
export function* backupClusterV1(context: OrchestrationContextLike): Orchestration<Result<void>> {
  return yield* backupClusterWith(context, 'afterClose', ORCHESTRATIONS.backupNodeV1);
}

function* backupClusterWith(context: OrchestrationContextLike, failureHandled: 'beforeClose' | 'afterClose',
  nodeOrchestration: typeof ORCHESTRATIONS.backupNode | typeof ORCHESTRATIONS.backupNodeV1): Orchestration<Result<void>> {
  const { operationId, clusterName, backupId } = context.df.getInput<BackupClusterInput>();
  const ref: BackupRef = { clusterName, backupId };
  const operation: OperationRef = { operationId, clusterName, kind: 'BackupCluster' };
  // Set by the check step's results, before the next step starts: the nodes to back up.
  let nodes: string[] = [];
  const clear = () => nodes.map((node) => callSub(context, ORCHESTRATIONS.runNodeJob,
    { clusterName, node, job: { script: 'clearSnapshot', backupId } } satisfies NodeJobInput, `clear-${node}`));
  const handleFailure = function* (error: ErrorInfo): Orchestration<void> {
    yield callActivity(context, ACTIVITIES.recordBackupFailed, 'finish', { ...ref, error });
    // No node to clear: the check failed and took no snapshot. (Durable's Task.all throws on an empty list.)
    if (nodes.length === 0) return;
    // Best effort: a snapshot left behind holds disk space until the next backup's retention, never data.
    try {
      yield context.df.Task.all(clear());
    } catch {
      // The failure already recorded is the one to report.
    }
  };
  const result = yield* runOperation(context, operation, [
    { name: 'check', start: () => [callActivity(context, ACTIVITIES.checkBackupReady, 'cql', ref)],
      summarize: ([r]) => {
        const ready = r as Result<BackupReady>;
        if (!ready.ok) return undefined;
        nodes = ready.value.nodes;
        return ready.value.nodesDown.length > 0 ? `down, left out: ${ready.value.nodesDown.join(', ')}` : `${nodes.length} nodes`;
      } },
    { name: 'upload', start: () => nodes.map((node) => callSub(context, nodeOrchestration,
      { ...ref, operation, node } satisfies BackupNodeInput, `node-${node}`)) },
    { name: 'manifest', start: () => [callActivity(context, ACTIVITIES.writeBackupManifest, 'bookkeeping', ref)],
      summarize: ([r]) => ((r as Result<{ status: string }>).ok ? (r as { value: { status: string } }).value.status : undefined) },
    { name: 'cleanup', start: () => [...clear(), callActivity(context, ACTIVITIES.applyBackupRetention, 'bookkeeping', ref)] },
  ], failureHandled === 'beforeClose' ? { handleFailure } : {});
  if (!result.ok && failureHandled === 'afterClose') yield* handleFailure(result.error);
  return result;
}

/**
 * One node's part: the app lists the node's stored blobs → one node job snapshots, plans its
 * differential upload against that listing and uploads → the app verifies and records.
 */
export function* backupNode(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<BackupNodeInput>();
  const { clusterName, backupId, node } = input;
  yield callActivity(context, ACTIVITIES.listStoredBlobs, 'bookkeeping', { clusterName, backupId, node });
  const job: NodeJobInput = { clusterName, node, job: { script: 'backupFiles', backupId } };
  const backedUp = (yield callSub(context, ORCHESTRATIONS.runNodeJob, job, 'backup')) as Result<{ detail: string }>;
  if (!backedUp.ok) return backedUp;
  return yield* recordNode(context, input, { jobDetail: backedUp.value.detail });
}

/** backupNode_v1, still registered for instances started before v2: snapshot job → the app plans → upload job. */
export function* backupNodeV1(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<BackupNodeInput>();
  const { clusterName, backupId, node } = input;
  const job = (script: 'snapshotBackup' | 'uploadBackup'): NodeJobInput => ({ clusterName, node, job: { script, backupId } });
  const snapshot = (yield callSub(context, ORCHESTRATIONS.runNodeJob, job('snapshotBackup'), 'snapshot')) as Result<unknown>;
  if (!snapshot.ok) return snapshot;
  const planned = (yield callActivity(context, ACTIVITIES.planBackupNode, 'bookkeeping', { clusterName, backupId, node })) as Result<NodeBackupStats>;
  if (!planned.ok) return planned;
  const uploaded = (yield callSub(context, ORCHESTRATIONS.runNodeJob, job('uploadBackup'), 'upload')) as Result<unknown>;
  if (!uploaded.ok) return uploaded;
  return yield* recordNode(context, input, { stats: planned.value });
}

function* recordNode(context: OrchestrationContextLike, input: BackupNodeInput, known: { stats: NodeBackupStats } | { jobDetail: string }):
  Orchestration<Result<void>> {
  const { clusterName, backupId, node, operation } = input;
  const recorded = (yield callActivity(context, ACTIVITIES.recordBackupNode, 'bookkeeping',
    'stats' in known ? { clusterName, backupId, node, stats: known.stats, operation } : { clusterName, backupId, node, operation, ...known })) as Result<void>;
  return recorded.ok ? recorded : fail(recorded.error);
}
