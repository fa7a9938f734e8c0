import type { ClusterRecord } from '../domain/state/state-records.js';
import type { DeploymentNode } from '../domain/deploy/deployment-plan.js';
import { OpsError } from '../errors/ops-error.js';
import type { Result } from '../errors/result.js';
import type { ApiResponse } from './api-response.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { accepted } from './create-cluster-request.js';
import { requireReadyCluster } from './require-ready-cluster.js';
import { startReplace } from './start-replace.js';

/** The replace request's view of Cassandra: which nodes answer a query pinned to them right now. */
export type ReadNodesUp = (cluster: ClusterRecord) => Promise<Result<{ up: DeploymentNode[]; down: DeploymentNode[] }>>;

/** What the replace request needs beyond the cluster API. */
export type ReplaceApiDeps = ClusterApiDeps & { readNodesUp: ReadNodesUp };

/**
 * POST /api/clusters/{name}/nodes/{node}/replace: starts replacing the node (startReplace), asked
 * by a person, so without an approval step; 202 with its operation. Refused before anything is
 * recorded when Cassandra answers on the node (CASSOPS_NODE_ALIVE, 409: restart it instead); the
 * operation asks again under the lease. Errors: those of startReplace (404 naming an unknown
 * node, 409 not Ready or busy).
 */
export async function replaceNodeRequest(deps: ReplaceApiDeps, name: string, node: string, requestedBy: string): Promise<ApiResponse> {
  const cluster = await requireReadyCluster(deps.state, name, 'replacements');
  const target = cluster.plan.nodes.find((n) => n.name === node);
  if (!target) throw new OpsError('CASSOPS_CLUSTER_NOT_FOUND', { message: `Cluster '${name}' has no node '${node}'.` });
  const seen = await deps.readNodesUp(cluster);
  if (seen.ok && seen.value.up.some((n) => n.name === node)) {
    throw new OpsError('CASSOPS_NODE_ALIVE', { message: `${node} (${target.privateIp}) answers CQL: only a dead node is replaced; nothing was changed. `
      + `Restart it (POST /api/clusters/${name}/nodes/${node}/restart) if Cassandra misbehaves.` });
  }
  const operationId = deps.newId();
  await startReplace(deps, { clusterName: name, node, operationId, requestedBy, trigger: 'api' });
  return accepted(operationId, name);
}
