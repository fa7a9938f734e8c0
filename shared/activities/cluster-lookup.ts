import type { DeploymentNode } from '../domain/deploy/deployment-plan.js';
import type { CqlView } from '../domain/health/health-views.js';
import type { ClusterRecord } from '../domain/state/state-records.js';
import { OpsError } from '../errors/ops-error.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { clusterCqlTarget, superuserCredentials } from './with-cluster-session.js';

/** The cluster's record; CASSOPS_CLUSTER_NOT_FOUND (thrown: a bug or a race with a delete) when there is none. */
export async function requireCluster(deps: Pick<ActivityDeps, 'state'>, clusterName: string): Promise<ClusterRecord> {
  const cluster = await deps.state.getCluster(clusterName);
  if (!cluster) throw new OpsError('CASSOPS_CLUSTER_NOT_FOUND', { message: `No cluster is named '${clusterName}'.` });
  return cluster;
}

/** The planned node named `node`; CASSOPS_CLUSTER_NOT_FOUND when the cluster plans none. */
export function requireNode(cluster: ClusterRecord, node: string): DeploymentNode {
  const found = cluster.plan.nodes.find((n) => n.name === node);
  if (!found) throw new OpsError('CASSOPS_CLUSTER_NOT_FOUND', { message: `Cluster '${cluster.name}' has no node '${node}'.` });
  return found;
}

/** Every node as a contact point, in the first DC's view, every DC's hosts reachable for pinned reads. */
export function sessionTarget(cluster: ClusterRecord) {
  return { contactPoints: cluster.plan.nodes.map((n) => n.privateIp), localDataCenter: cluster.plan.nodes[0]?.dc ?? 'dc1', everyHost: true };
}

/** sessionTarget with the generated superuser's login, for reads that need no session of their own. */
export async function cqlTarget(deps: Pick<ActivityDeps, 'secrets'>, cluster: ClusterRecord) {
  return clusterCqlTarget(deps, cluster.name, sessionTarget(cluster), await superuserCredentials(deps, cluster.name));
}

/**
 * The cluster's planned nodes split by whether CQL sees them up, with the view read. Errors:
 * CASSOPS_CLUSTER_UNHEALTHY (returned) when the cluster does not answer over CQL at all.
 */
export async function readNodesUp(deps: Pick<ActivityDeps, 'cql' | 'secrets'>, cluster: ClusterRecord):
  Promise<Result<{ view: CqlView; up: DeploymentNode[]; down: DeploymentNode[] }>> {
  const view = await deps.cql.readCqlView(await cqlTarget(deps, cluster));
  if (!view.reachable) {
    return fail({ code: 'CASSOPS_CLUSTER_UNHEALTHY', message: `Cluster ${cluster.name} does not answer over CQL: ${view.error}` });
  }
  const isUp = (n: DeploymentNode) => view.hosts.some((h) => h.address === n.privateIp && h.up);
  return ok({ view, up: cluster.plan.nodes.filter(isUp), down: cluster.plan.nodes.filter((n) => !isUp(n)) });
}
