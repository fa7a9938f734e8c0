import type { DeleteClusterInput } from '../contracts/activity-io.js';
import { ORCHESTRATIONS } from '../contracts/names.js';
import { OpsError } from '../errors/ops-error.js';
import type { ApiResponse } from './api-response.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { accepted } from './create-cluster-request.js';
import { isClusterName } from './read-requests.js';

/**
 * DELETE /api/clusters/{name}?confirm={name}. The confirm parameter must repeat the name (a
 * guard against deleting by a mistyped URL). Takes the lease (409 naming a running operation),
 * marks the cluster Deleting and starts deleteCluster; 202 with the operation.
 */
export async function deleteClusterRequest(deps: ClusterApiDeps, name: string, confirm: string | null): Promise<ApiResponse> {
  if (confirm !== name) {
    throw new OpsError('CASSOPS_CONFIRM_MISMATCH', { message: `Add ?confirm=${name} to delete cluster '${name}' and everything it owns.`,
      issues: [{ path: 'query:confirm', message: confirm === null ? 'is required' : `must equal '${name}'` }] });
  }
  const cluster = isClusterName(name) ? await deps.state.getCluster(name) : undefined;
  if (!cluster) throw new OpsError('CASSOPS_CLUSTER_NOT_FOUND', { message: `No cluster is named '${name}'.` });
  const operationId = deps.newId();
  const at = deps.now().toISOString();
  await deps.state.acquireLease(name, operationId, at);
  try {
    await deps.state.createOperation({ id: operationId, kind: 'DeleteCluster', clusterName: name, status: 'Running', percent: 0, steps: [], createdAt: at, updatedAt: at });
    await deps.state.setClusterState(name, 'Deleting', operationId, at);
    const input: DeleteClusterInput = { operationId, clusterName: name, resourceGroups: cluster.plan.resourceGroups };
    await deps.orchestrations.start(ORCHESTRATIONS.deleteCluster, operationId, input);
  } catch (error) {
    await deps.state.releaseLease(name, operationId);
    throw error;
  }
  return accepted(operationId, name);
}
