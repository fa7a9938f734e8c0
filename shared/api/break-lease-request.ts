import { OpsError } from '../errors/ops-error.js';
import type { ApiResponse } from './api-response.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { isClusterName } from './read-requests.js';
import { requireConfirm } from './require-confirm.js';

/**
 * POST /api/clusters/{name}/lease/break?confirm={name} (admin). Removes every hold on the
 * cluster's lease and records on each holder's operation who broke it and when. A holder still
 * running finds its hold gone at its next progress record and stops (CASSOPS_LEASE_LOST).
 */
export async function breakLeaseRequest(deps: ClusterApiDeps, name: string, confirm: string | null, brokenBy: string): Promise<ApiResponse> {
  requireConfirm(name, confirm, `to break the lease of cluster '${name}'`);
  if (!isClusterName(name) || !(await deps.state.getCluster(name))) {
    throw new OpsError('CASSOPS_CLUSTER_NOT_FOUND', { message: `No cluster is named '${name}'.` });
  }
  const at = deps.now().toISOString();
  let broken: { operationId: string; kind: string; requestedBy: string }[] = [];
  await deps.state.updateLease(name, (lease) => {
    broken = lease.holders.map(({ operationId, kind, requestedBy }) => ({ operationId, kind, requestedBy }));
    return lease.holders.length === 0 ? undefined : { ...lease, holders: [] };
  });
  for (const holder of broken) {
    await deps.state.updateOperation(holder.operationId, (op) => ({ ...op, leaseBroken: { by: brokenBy, at }, updatedAt: at }))
      .catch((error: unknown) => { if ((error as { code?: string }).code !== 'CASSOPS_OPERATION_NOT_FOUND') throw error; });
  }
  return { status: 200, body: { clusterName: name, brokenBy, brokenAt: at, broken } };
}
