import type { OperationRecord } from '../domain/state/state-records.js';
import { decideLeaseClaim, type TakenOver } from '../domain/operations/decide-lease-claim.js';
import type { InstanceState, LeaseHolder } from '../domain/operations/lease.js';
import { releaseHolder } from '../domain/operations/lease-changes.js';
import type { OperationKind, OperationTrigger } from '../domain/operations/operation-kinds.js';
import { OpsError, isOpsError } from '../errors/ops-error.js';
import type { OperationDeps } from './cluster-api-deps.js';
import { abandonOperation } from './abandon-operation.js';

/** What starting an operation needs: who and why, the orchestration, and the records to write once the lease is ours. */
export interface OperationStart {
  kind: OperationKind;
  clusterName: string;
  operationId: string;
  requestedBy: string;
  trigger: OperationTrigger;
  orchestration: string;
  input: unknown;
  /** Steps already done when the operation is recorded (e.g. validation). */
  steps?: OperationRecord['steps'];
  /** Checks and records that need the lease (cluster and node rows); a throw releases it and fails the operation. */
  prepare?: () => Promise<void>;
}

/**
 * The one way an operation starts, whoever asks (API, timer, remediation): claim the cluster's
 * lease (taking over holders that can no longer run and closing their operations), record the
 * operation (insert-if-absent: of two requests for the same operation id only the one that
 * inserts, or reopens a failed run, starts it), prepare, start the orchestration. Whatever fails
 * after the claim fails the operation and releases only this operation's hold.
 *
 * Errors: CASSOPS_CLUSTER_BUSY (409, details.operationId = the blocking operation).
 * Returns whether this call started the orchestration (false: another request for the same id did).
 */
export async function startOperation(deps: OperationDeps, start: OperationStart): Promise<{ started: boolean }> {
  const at = deps.now().toISOString();
  const takenOver = await claimLease(deps, start, at);
  for (const t of takenOver) await abandonOperation(deps, t.holder.operationId, t.reason);
  const record: OperationRecord = { id: start.operationId, kind: start.kind, clusterName: start.clusterName, status: 'Running', percent: 0,
    steps: start.steps ?? [], requestedBy: start.requestedBy, trigger: start.trigger, createdAt: at, updatedAt: at,
    ...(takenOver.length > 0 ? { tookOverFrom: takenOver.map((t) => ({ operationId: t.holder.operationId, reason: t.reason })) } : {}) };
  if (!(await recordOperation(deps, record))) return { started: false };
  try {
    await start.prepare?.();
    await deps.orchestrations.start(start.orchestration, start.operationId, start.input);
  } catch (error) {
    await failBeforeStart(deps, start, error);
    throw error;
  }
  return { started: true };
}

async function claimLease(deps: OperationDeps, start: OperationStart, at: string): Promise<TakenOver[]> {
  const claim: LeaseHolder = { operationId: start.operationId, instanceId: start.operationId, kind: start.kind,
    requestedBy: start.requestedBy, claimedAt: at, expiresAt: new Date(Date.parse(at) + deps.leaseTtlInMs).toISOString() };
  let takenOver: TakenOver[] = [];
  await deps.state.updateLease(start.clusterName, async (lease) => {
    const states: Record<string, InstanceState> = {};
    for (const h of lease.holders) states[h.instanceId] = await deps.orchestrations.state(h.instanceId);
    const decision = decideLeaseClaim(lease.holders, states, claim, at);
    takenOver = decision.outcome === 'take' ? decision.takenOver : [];
    if (decision.outcome === 'held') return undefined;
    if (decision.outcome === 'refuse') {
      throw new OpsError('CASSOPS_CLUSTER_BUSY', {
        message: `Operation '${decision.blocker.operationId}' (${decision.blocker.kind}) is running on cluster '${start.clusterName}'.`,
        details: { operationId: decision.blocker.operationId },
      });
    }
    return { ...lease, holders: decision.holders };
  });
  return takenOver;
}

/** True when this request owns the run: it inserted the record, or reopened a failed run of it. */
async function recordOperation(deps: OperationDeps, record: OperationRecord): Promise<boolean> {
  if ((await deps.state.createOperation(record)) === 'created') return true;
  let reopened = false;
  await deps.state.updateOperation(record.id, (stored) => {
    reopened = stored.status === 'Failed';
    if (!reopened) return undefined;
    const { error: _error, endedAt: _endedAt, ...rest } = stored;
    return { ...rest, status: 'Running', updatedAt: record.updatedAt, requestedBy: record.requestedBy, trigger: record.trigger,
      steps: record.steps, percent: 0, ...(record.tookOverFrom ? { tookOverFrom: record.tookOverFrom } : {}) };
  });
  return reopened;
}

async function failBeforeStart(deps: OperationDeps, start: OperationStart, error: unknown): Promise<void> {
  const at = deps.now().toISOString();
  const info = isOpsError(error) ? { code: error.code, message: error.message }
    : { code: 'CASSOPS_INTERNAL' as const, message: 'The operation could not be started.' };
  await deps.state.finishOperation(start.operationId, { status: 'Failed', at, error: info });
  await deps.state.updateLease(start.clusterName, (lease) => releaseHolder(lease, start.operationId));
}
