import type { ActivityName } from '../contracts/names.js';
import { ACTIVITIES } from '../contracts/names.js';
import type { OperationOutcome } from '../contracts/backup-io.js';
import { fail, ok, type Result } from '../errors/result.js';
import { callActivity } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/** Which activity starts the operation (returning its id), with what input. */
export interface FollowOperationInput {
  start: ActivityName;
  input: unknown;
}

/** Seconds between two reads of the followed operation. */
export const FOLLOW_POLL_SECONDS = 10;

/**
 * Runs another operation to its end from inside an operation: a drill restores into, then
 * deletes, a throwaway cluster through those clusters' own operations (their own leases, steps
 * and progress). The start activity is idempotent (a replay finds the operation it started);
 * the operation is then read on a durable timer until it ends.
 */
export function* followOperation(context: OrchestrationContextLike): Orchestration<Result<{ operationId: string; endedAt: string }>> {
  const { start, input } = context.df.getInput<FollowOperationInput>();
  const started = (yield callActivity(context, start, 'bookkeeping', input)) as Result<{ operationId: string }>;
  if (!started.ok) return started;
  const { operationId } = started.value;
  for (;;) {
    const outcome = (yield callActivity(context, ACTIVITIES.readOperationOutcome, 'bookkeeping', { operationId })) as OperationOutcome;
    if (outcome.status === 'Succeeded') return ok({ operationId, endedAt: outcome.endedAt ?? context.df.currentUtcDateTime.toISOString() });
    if (outcome.status === 'Failed') {
      return fail(outcome.error ?? { code: 'CASSOPS_INTERNAL', message: `Operation ${operationId} failed.` });
    }
    yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + FOLLOW_POLL_SECONDS * 1000));
  }
}
