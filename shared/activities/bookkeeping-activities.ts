import type { FinishOperationInput, RecordProgressInput } from '../contracts/activity-io.js';
import { ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';

/** Activities that record progress and outcomes in Table storage. */
export function createBookkeepingActivities({ state }: ActivityDeps) {
  return {
    /** One step update (idempotent), and a node's new state when given. */
    recordProgress: async (i: RecordProgressInput): Promise<Result<void>> => {
      const { node, ...update } = i;
      await state.recordProgress(update);
      if (node) {
        const n = node.node;
        await state.upsertNode({ clusterName: node.clusterName, name: n.name, dc: n.dc, rack: n.rack, privateIp: n.privateIp,
          isSeed: n.isSeed, vmName: n.vmName, state: node.state, updatedAt: i.at });
      }
      return ok(undefined);
    },
    /** Closes the operation, sets (or, once deleted, removes) the cluster record, releases the lease. */
    finishOperation: async (i: FinishOperationInput): Promise<Result<void>> => {
      await state.finishOperation(i.operationId, { status: i.status, at: i.at, ...(i.error ? { error: i.error } : {}) });
      if (i.clusterState === 'Deleted') await state.deleteClusterRecords(i.clusterName);
      else await state.setClusterState(i.clusterName, i.clusterState, i.operationId, i.at);
      await state.releaseLease(i.clusterName, i.operationId);
      return ok(undefined);
    },
  };
}
