import type { FinishOperationInput, ProgressRecorded, RecordProgressInput } from '../contracts/activity-io.js';
import { releaseHolder, renewHolder } from '../domain/operations/lease-changes.js';
import { ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';

/** Activities that record progress and outcomes in Table storage. */
export function createBookkeepingActivities({ state, leaseTtlInMs }: ActivityDeps) {
  return {
    /**
     * One step update (idempotent), a node's new state when given, and the operation's lease
     * renewed from the update's time; says whether the operation still holds the lease (it does
     * not once an admin broke it or a later request took it over). Best effort: progress must
     * never fail the operation it describes, so a storage fault is reported as a value.
     */
    recordProgress: async (i: RecordProgressInput): Promise<ProgressRecorded> => {
      const { node, clusterName, ...update } = i;
      try {
        await state.recordProgress(update);
        if (node) {
          const n = node.node;
          await state.upsertNode({ clusterName: node.clusterName, name: n.name, dc: n.dc, rack: n.rack, privateIp: n.privateIp,
            isSeed: n.isSeed, vmName: n.vmName, state: node.state, updatedAt: i.at });
        }
        const expiresAt = new Date(Date.parse(i.at) + leaseTtlInMs).toISOString();
        const lease = await state.updateLease(clusterName, (current) => renewHolder(current, i.operationId, expiresAt));
        return { recorded: true, holdsLease: lease.holders.some((h) => h.operationId === i.operationId) };
      } catch (error) {
        return { recorded: false, reason: (error as Error)?.message ?? String(error) };
      }
    },
    /** Closes the operation, sets (or, once deleted, removes) the cluster record, releases the operation's hold. */
    finishOperation: async (i: FinishOperationInput): Promise<Result<void>> => {
      await state.finishOperation(i.operationId, { status: i.status, at: i.at, ...(i.error ? { error: i.error } : {}) });
      if (i.clusterState === 'Deleted') await state.deleteClusterRecords(i.clusterName);
      else if (i.clusterState) await state.setClusterState(i.clusterName, i.clusterState, i.operationId, i.at);
      await state.updateLease(i.clusterName, (lease) => releaseHolder(lease, i.operationId));
      return ok(undefined);
    },
  };
}
