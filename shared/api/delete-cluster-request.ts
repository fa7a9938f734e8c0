import type { DeleteClusterInput } from '../contracts/activity-io.js';
import { ORCHESTRATIONS } from '../contracts/names.js';
import type { ApiResponse } from './api-response.js';
import type { ClusterApiDeps, OperationDeps } from './cluster-api-deps.js';
import type { OperationTrigger } from '../domain/operations/operation-kinds.js';
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
  const operationId = deps.newId();
  await startDelete(deps, { clusterName: name, operationId, requestedBy, trigger: 'api' });
  return accepted(operationId, name);
}

/**
 * Starts deleteCluster through the operation lifecycle, marking the cluster Deleting (the API,
 * and a drill removing its throwaway cluster). Errors: CASSOPS_CLUSTER_NOT_FOUND, CASSOPS_CLUSTER_BUSY.
 */
export async function startDelete(deps: OperationDeps,
  start: { clusterName: string; operationId: string; requestedBy: string; trigger: OperationTrigger }): Promise<void> {
  const { clusterName: name, operationId, requestedBy, trigger } = start;
  const cluster = await requireCluster(deps.state, name);
  const connections = cluster.plan.vpnConnections ?? [];
  const input: DeleteClusterInput = { operationId, clusterName: name, resourceGroups: cluster.plan.resourceGroups,
    ...(connections.length > 0 ? { vpnConnections: connections } : {}) };
  await startOperation(deps, {
    kind: 'DeleteCluster', clusterName: name, operationId, requestedBy, trigger, orchestration: ORCHESTRATIONS.deleteCluster, input,
    prepare: () => deps.state.setClusterState(name, 'Deleting', operationId, deps.now().toISOString()),
  });
}
