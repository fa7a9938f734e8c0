import type { Task } from 'durable-functions';
import { ACTIVITIES } from '../../contracts/names.js';
import type { FinishOperationInput, OperationRef, ProgressRecorded } from '../../contracts/activity-io.js';
import type { ClusterState } from '../../domain/state/state-records.js';
import type { ErrorInfo } from '../../errors/ops-error.js';
import type { Result } from '../../errors/result.js';
import { callActivity, errorFromThrown, firstFailure } from './call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './orchestration-context.js';
import { recordProgress, type ProgressOptions } from './record-progress.js';

/**
 * One step of an operation: a row of the kind's step table, and its work, started when the step
 * begins: tasks run together (`start`), or a sequence that waits in between (`run`).
 */
export type OperationStep = StepWork & ({ start: () => Task[]; run?: never } | { run: () => Orchestration<Result<unknown>>; start?: never });

interface StepWork {
  name: string;
  /** What the step's Succeeded record says, from its results (what it left undone and why, say). */
  summarize?: (results: unknown[]) => string | undefined;
}

/** How the operation ends: what the cluster becomes (absent leaves its state as it is), and what a failure must do first. */
export interface OperationOutcome {
  onSuccess?: ClusterState;
  onFailure?: ClusterState;
  /**
   * What a failed operation records or cleans up (the backup marked Failed, snapshots cleared),
   * run after the failed step is recorded and before the operation closes: a client that sees the
   * operation Failed sees its clean-up done, and nothing else may start on the cluster meanwhile.
   * A fault it throws is added to the operation's error; the operation still closes.
   */
  handleFailure?: (error: ErrorInfo) => Orchestration<void>;
}

/**
 * The one operation lifecycle inside an orchestration: runs the steps in order, each one's
 * progress recorded beside its work (the records also renew the lease), stops at the first
 * failure or thrown fault, runs the outcome's handleFailure if a step failed, and always ends by
 * closing the operation and releasing its hold.
 * The close retries for about ten minutes; should it still fail, the orchestration fails and
 * the next request for the cluster takes the lease over and closes the operation. An operation
 * whose lease was broken or taken over stops at the next step boundary (CASSOPS_LEASE_LOST) and
 * leaves the cluster's state to its new holder: never two holders acting on one cluster.
 */
export function* runOperation(context: OrchestrationContextLike, operation: OperationRef, steps: readonly OperationStep[],
  outcome: OperationOutcome): Orchestration<Result<void>> {
  let failure: { step: string; error: ErrorInfo } | undefined;
  let done: ProgressOptions | undefined;
  for (const step of steps) {
    // Progress is written beside the step's work, not before it: nothing in the step waits for it.
    const records = [...(done ? [recordProgress(context, operation, done)] : []),
      recordProgress(context, operation, { step: step.name, status: 'Running', stepPercent: 0 })];
    try {
      const all = (yield context.df.Task.all([...records, ...(step.start ? step.start() : [])])) as unknown[];
      const lost = leaseLost(all.slice(0, records.length), operation);
      const results = step.run && !lost ? [yield* step.run()] : all.slice(records.length);
      const error = lost ?? firstFailure(results);
      if (error) failure = { step: step.name, error };
      else done = succeeded(step.name, step.summarize?.(results));
    } catch (thrown) {
      failure = { step: step.name, error: errorFromThrown(thrown) };
    }
    if (failure) break;
  }
  // The last step is recorded before the operation closes: a client that sees it Succeeded sees every step Succeeded.
  const last = failure ? { step: failure.step, status: 'Failed' as const, stepPercent: 0, message: failure.error.message } : done;
  if (last) yield recordProgress(context, operation, last);
  if (failure && outcome.handleFailure) failure = yield* handleFailure(failure, outcome.handleFailure);
  const clusterState = failure?.error.code === 'CASSOPS_LEASE_LOST' ? undefined : failure ? outcome.onFailure : outcome.onSuccess;
  const finish: FinishOperationInput = { operationId: operation.operationId, clusterName: operation.clusterName,
    status: failure ? 'Failed' : 'Succeeded', at: context.df.currentUtcDateTime.toISOString(),
    ...(clusterState ? { clusterState } : {}), ...(failure ? { error: failure.error } : {}) };
  yield callActivity(context, ACTIVITIES.finishOperation, 'finish', finish);
  context.df.setCustomStatus({ phase: failure?.step ?? 'done', status: finish.status, percent: failure ? undefined : 100,
    lastEvent: failure?.error.message ?? `${operation.kind} succeeded` });
  return failure ? { ok: false, error: failure.error } : { ok: true, value: undefined };
}

/** Runs the failure's handler; a fault it throws joins the failure's message rather than leave the operation open. */
function* handleFailure<F extends { error: ErrorInfo }>(failure: F, handler: (error: ErrorInfo) => Orchestration<void>): Orchestration<F> {
  try {
    yield* handler(failure.error);
    return failure;
  } catch (thrown) {
    const fault = errorFromThrown(thrown);
    return { ...failure, error: { ...failure.error, message: `${failure.error.message} (then handling the failure failed: ${fault.message})` } };
  }
}

function succeeded(step: string, message: string | undefined): ProgressOptions {
  return { step, status: 'Succeeded', stepPercent: 100, ...(message ? { message } : {}) };
}

/** CASSOPS_LEASE_LOST when a progress record found the operation no longer holding its cluster's lease. */
function leaseLost(records: unknown[], operation: OperationRef): ErrorInfo | undefined {
  if (!records.some((r) => (r as ProgressRecorded | undefined)?.holdsLease === false)) return undefined;
  return { code: 'CASSOPS_LEASE_LOST',
    message: `Operation ${operation.operationId} no longer holds the lease of cluster ${operation.clusterName} (broken by an admin or taken over).` };
}
