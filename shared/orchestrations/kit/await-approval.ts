import type { Task } from 'durable-functions';
import { ACTIVITIES } from '../../contracts/names.js';
import type { OperationRef, ProgressRecorded } from '../../contracts/activity-io.js';
import { APPROVAL_EVENT, type ApprovalAnswer, type ApprovalRequest, type RecordDecisionInput, type RecordProposalInput } from '../../contracts/approval-io.js';
import { fail, ok, type Result } from '../../errors/result.js';
import { callActivity } from './call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './orchestration-context.js';
import { recordProgress } from './record-progress.js';

/** How often a waiting operation renews its lease: well inside any lease TTL, and a handful of history events an hour. */
export const APPROVAL_RENEW_MS = 60_000;

/**
 * Waits, holding the cluster, for a person to approve or reject what the operation proposes:
 * the operation turns AwaitingApproval with its proposal, the lease is renewed every minute (a
 * progress record of the `approval` step), and the wait ends at the first answer (the
 * APPROVAL_EVENT) or at the timeout. The answer is recorded on the operation either way. A
 * rejection is CASSOPS_APPROVAL_REJECTED and a timeout CASSOPS_APPROVAL_TIMED_OUT, each naming
 * who and why, so the operation ends having changed nothing; a lease lost meanwhile is
 * CASSOPS_LEASE_LOST.
 */
export function* awaitApproval(context: OrchestrationContextLike, operation: OperationRef, request: ApprovalRequest): Orchestration<Result<void>> {
  const deadline = context.df.currentUtcDateTime.getTime() + request.timeoutInMs;
  const expiresAt = new Date(deadline).toISOString();
  yield callActivity(context, ACTIVITIES.recordProposal, 'bookkeeping',
    { operationId: operation.operationId, action: request.action, reason: request.reason, expiresAt } satisfies RecordProposalInput);
  const event = context.df.waitForExternalEvent(APPROVAL_EVENT);
  let answer: ApprovalAnswer | undefined;
  for (let waited = 0; !answer; waited++) {
    const now = context.df.currentUtcDateTime.getTime();
    if (now >= deadline) {
      answer = { approved: false, by: 'timeout', at: expiresAt, reason: `no answer within ${Math.round(request.timeoutInMs / 60_000)} min` };
      break;
    }
    const timer = context.df.createTimer(new Date(Math.min(deadline, now + APPROVAL_RENEW_MS)));
    const winner = (yield context.df.Task.any([event, timer])) as Task;
    if (winner === event) {
      (timer as Task & { cancel(): void }).cancel();
      answer = event.result as ApprovalAnswer;
      break;
    }
    const renewed = (yield recordProgress(context, operation, { step: 'approval', status: 'Running', stepPercent: 0,
      message: `awaiting approval until ${expiresAt} (${waited + 1} min): ${request.action}` })) as ProgressRecorded;
    if (renewed?.holdsLease === false) {
      return fail({ code: 'CASSOPS_LEASE_LOST', message: `The cluster's lease was taken while the operation awaited approval of: ${request.action}.` });
    }
  }
  yield callActivity(context, ACTIVITIES.recordDecision, 'bookkeeping', { operationId: operation.operationId, decision: answer } satisfies RecordDecisionInput);
  if (answer.approved) return ok(undefined);
  const why = answer.reason ? `: ${answer.reason}` : '';
  return answer.by === 'timeout'
    ? fail({ code: 'CASSOPS_APPROVAL_TIMED_OUT', message: `Nobody approved "${request.action}" by ${expiresAt}${why}; nothing was changed.` })
    : fail({ code: 'CASSOPS_APPROVAL_REJECTED', message: `${answer.by} rejected "${request.action}"${why}; nothing was changed.` });
}
