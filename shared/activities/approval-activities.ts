import type { RecordDecisionInput, RecordProposalInput } from '../contracts/approval-io.js';
import { isOperationOpen } from '../domain/state/state-records.js';
import type { ActivityDeps } from './activity-deps.js';

/** The approval records of an operation: what it proposes, and the answer. Idempotent on replay; an operation that ended is left alone. */
export function createApprovalActivities({ state }: ActivityDeps) {
  return {
    recordProposal: async ({ operationId, action, reason, expiresAt }: RecordProposalInput): Promise<void> => {
      await state.updateOperation(operationId, (op) => (!isOperationOpen(op.status) || op.decision ? undefined
        : { ...op, status: 'AwaitingApproval', proposal: { action, reason, expiresAt }, updatedAt: new Date().toISOString() }));
    },
    recordDecision: async ({ operationId, decision }: RecordDecisionInput): Promise<void> => {
      await state.updateOperation(operationId, (op) => (!isOperationOpen(op.status) ? undefined
        : { ...op, status: 'Running', decision, updatedAt: new Date().toISOString() }));
    },
  };
}
