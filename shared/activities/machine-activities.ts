import type { CommitClusterChangeInput, DeleteNodeInput } from '../contracts/update-io.js';
import { ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import type { VmRef } from '../domain/ports/arm-port.js';
import { requireCluster } from './cluster-lookup.js';

/** Machine and record changes of a running cluster: a VM started, a removed node's machine deleted, the record moved to a new spec. */
export function createMachineActivities(deps: ActivityDeps) {
  return {
    /** Powers on a stopped or deallocated VM (starting a running one changes nothing). */
    startVm: (vm: VmRef): Promise<Result<void>> => deps.arm.startVm(vm),
    /** Deletes a decommissioned node's VM, NIC and disks (idempotent: what is gone stays gone). */
    deleteNodeResources: ({ node }: DeleteNodeInput): Promise<Result<void>> => deps.arm.deleteNode(node),

    /**
     * The record takes the new spec and plan, and the records of nodes the plan no longer has go
     * (the new nodes' records were written as they were created and joined). Idempotent on replay.
     */
    commitClusterChange: async ({ operationId, clusterName, spec, plan }: CommitClusterChangeInput): Promise<Result<void>> => {
      const cluster = await requireCluster(deps, clusterName);
      await deps.state.replaceCluster({ ...cluster, spec, plan, lastOperationId: operationId, updatedAt: new Date().toISOString() });
      const kept = new Set(plan.nodes.map((n) => n.name));
      for (const node of await deps.state.listNodes(clusterName)) if (!kept.has(node.name)) await deps.state.deleteNode(clusterName, node.name);
      return ok(undefined);
    },
  };
}
