import type { DeleteClusterInput } from '../contracts/activity-io.js';
import { ORCHESTRATIONS } from '../contracts/names.js';
import type { ApiResponse } from './api-response.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { accepted } from './create-cluster-request.js';
import { requireCluster } from './read-requests.js';
import { requireConfirm } from './require-confirm.js';
import { startOperation } from './start-operation.js';

/**
 * DELETE /api/clusters/{name}?confirm={name}. The confirm parameter must repeat the name (a
 * guard against deleting by a mistyped URL). Starts deleteCluster through the operation
 * lifecycle (409 naming a running operation), marking the cluster Deleting; 202 with the operation.
 */
export async function deleteClusterRequest(deps: ClusterApiDeps, name: string, confirm: string | null, requestedBy: string): Promise<ApiResponse> {
  requireConfirm(name, confirm, `to delete cluster '${name}' and everything it owns`);
  const cluster = await requireCluster(deps.state, name);
  const operationId = deps.newId();
  const input: DeleteClusterInput = { operationId, clusterName: name, resourceGroups: cluster.plan.resourceGroups };
  await startOperation(deps, {
    kind: 'DeleteCluster', clusterName: name, operationId, requestedBy, trigger: 'api', orchestration: ORCHESTRATIONS.deleteCluster, input,
    prepare: () => deps.state.setClusterState(name, 'Deleting', operationId, deps.now().toISOString()),
  });
  return accepted(operationId, name);
}
