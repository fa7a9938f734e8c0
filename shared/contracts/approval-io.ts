/** The external event an operation awaiting approval waits for; POST /api/operations/{id}/approve|reject raises it. */
export const APPROVAL_EVENT = 'approval';

/** A person's answer to a proposal, as the event carries it (or the timeout's, with `by: 'timeout'`). */
export interface ApprovalAnswer {
  approved: boolean;
  by: string;
  at: string;
  reason?: string;
}

/** What an operation proposes before it acts, and how long it waits for an answer. */
export interface ApprovalRequest {
  action: string;
  reason: string;
  timeoutInMs: number;
}

/** The operation turned AwaitingApproval with its proposal. */
export interface RecordProposalInput {
  operationId: string;
  action: string;
  reason: string;
  expiresAt: string;
}

/** The proposal's answer recorded on the operation, which runs on (approved) or is about to end (rejected, timed out). */
export interface RecordDecisionInput {
  operationId: string;
  decision: ApprovalAnswer;
}
