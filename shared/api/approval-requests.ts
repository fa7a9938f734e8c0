import { APPROVAL_EVENT, type ApprovalAnswer } from '../contracts/approval-io.js';
import { OpsError } from '../errors/ops-error.js';
import type { ApiResponse } from './api-response.js';
import { ApprovalRequestSchema } from './api-schemas.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { isOperationId } from './read-requests.js';
import { requestIssues } from './request-issues.js';

/**
 * POST /api/operations/{id}/approve and /reject with `{ reason? }`: answers what an operation
 * awaiting approval proposes (the operation records who answered, when and why, then runs on or
 * ends with nothing changed); 202. Errors: CASSOPS_REQUEST_INVALID naming `$.reason`;
 * CASSOPS_OPERATION_NOT_FOUND (404); CASSOPS_OPERATION_NOT_AWAITING_APPROVAL (409) with its status.
 */
export async function answerApprovalRequest(deps: Pick<ClusterApiDeps, 'state' | 'orchestrations' | 'now'>, id: string, body: unknown,
  approved: boolean, by: string): Promise<ApiResponse> {
  const parsed = ApprovalRequestSchema.safeParse(body);
  if (!parsed.success) throw new OpsError('CASSOPS_REQUEST_INVALID', { message: 'The answer is invalid.', issues: requestIssues(parsed.error) });
  const operation = isOperationId(id) ? await deps.state.getOperation(id) : undefined;
  if (!operation) throw new OpsError('CASSOPS_OPERATION_NOT_FOUND', { message: `No operation has id '${id}'.` });
  if (operation.status !== 'AwaitingApproval') {
    throw new OpsError('CASSOPS_OPERATION_NOT_AWAITING_APPROVAL', { message: `Operation ${id} is ${operation.status}, not AwaitingApproval.` });
  }
  const answer: ApprovalAnswer = { approved, by, at: deps.now().toISOString(), ...(parsed.data.reason ? { reason: parsed.data.reason } : {}) };
  await deps.orchestrations.raiseEvent(id, APPROVAL_EVENT, answer);
  const statusUrl = `/api/operations/${id}`;
  return { status: 202, body: { operationId: id, approved, statusUrl }, headers: { location: statusUrl } };
}
