import { isOperationOpen, type OperationRecord } from '../domain/state/state-records.js';
import { isInstanceEnded } from '../domain/operations/lease.js';
import { OPERATION_KIND_TABLE } from '../domain/operations/operation-kinds.js';
import { isOpsError } from '../errors/ops-error.js';
import type { OperationDeps } from './cluster-api-deps.js';

const TRANSITIONAL = new Set(['Provisioning', 'Deleting']);

/**
 * Closes an operation whose orchestration can no longer finish it: Failed with
 * CASSOPS_OPERATION_ABANDONED and the reason, and its cluster Failed when the operation left it
 * mid-change (so a re-run may resume it). Safe to repeat: an operation that already ended is
 * left as it is; a missing one is ignored.
 */
export async function abandonOperation(deps: OperationDeps, operationId: string, reason: string): Promise<void> {
  const at = deps.now().toISOString();
  let closed: OperationRecord;
  try {
    closed = await deps.state.updateOperation(operationId, (op) => (!isOperationOpen(op.status) ? undefined : {
      ...op, status: 'Failed', updatedAt: at, endedAt: at,
      error: { code: 'CASSOPS_OPERATION_ABANDONED', message: `Operation ${operationId} was abandoned: ${reason}.` },
    }));
  } catch (error) {
    if (isOpsError(error) && error.code === 'CASSOPS_OPERATION_NOT_FOUND') return;
    throw error;
  }
  const stateAfter = OPERATION_KIND_TABLE[closed.kind].clusterStateWhenAbandoned;
  if (closed.error?.code !== 'CASSOPS_OPERATION_ABANDONED' || !stateAfter) return;
  const cluster = await deps.state.getCluster(closed.clusterName);
  if (cluster && cluster.lastOperationId === operationId && TRANSITIONAL.has(cluster.state)) {
    await deps.state.setClusterState(cluster.name, stateAfter, operationId, at);
  }
}

/**
 * The operation as it truly stands: a Running record whose orchestration ended, or never started
 * within the lease TTL, is abandoned before it is shown or reused. Its hold stays for the next
 * claim to take over, which records the takeover on the operation that makes it.
 */
export async function reconcileOperation(deps: OperationDeps, operation: OperationRecord): Promise<OperationRecord> {
  if (!isOperationOpen(operation.status)) return operation;
  const state = await deps.orchestrations.state(operation.id);
  const neverStarted = state === 'NotFound' && Date.parse(operation.updatedAt) + deps.leaseTtlInMs <= deps.now().getTime();
  if (!isInstanceEnded(state) && !neverStarted) return operation;
  await abandonOperation(deps, operation.id, neverStarted ? 'its orchestration was never started' : `its orchestration is ${state}`);
  return (await deps.state.getOperation(operation.id)) ?? operation;
}
