import { ORCHESTRATIONS } from '../contracts/names.js';
import type { StartNodeInput } from '../contracts/start-node-io.js';
import type { OperationTrigger } from '../domain/operations/operation-kinds.js';
import { OpsError } from '../errors/ops-error.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { requireReadyCluster } from './require-ready-cluster.js';
import { startOperation } from './start-operation.js';

/** A node whose VM to power on: under which operation id, who asked and why. */
export interface PowerOnStart {
  clusterName: string;
  node: string;
  operationId: string;
  requestedBy: string;
  trigger: OperationTrigger;
}

/**
 * Starts a StartNode operation (startNode): the node's VM powered on and its Cassandra back in
 * the ring. Errors: CASSOPS_CLUSTER_NOT_FOUND (404), also naming a node the cluster does not
 * have; CASSOPS_CLUSTER_UNHEALTHY (409) unless Ready; CASSOPS_CLUSTER_BUSY (409).
 */
export async function startPowerOn(deps: ClusterApiDeps, start: PowerOnStart): Promise<{ started: boolean }> {
  const cluster = await requireReadyCluster(deps.state, start.clusterName, 'VM starts');
  const node = cluster.plan.nodes.find((n) => n.name === start.node);
  if (!node) throw new OpsError('CASSOPS_CLUSTER_NOT_FOUND', { message: `Cluster '${cluster.name}' has no node '${start.node}'.` });
  const input: StartNodeInput = { operationId: start.operationId, clusterName: cluster.name, node, plan: cluster.plan, settings: deps.settings };
  return startOperation(deps, { kind: 'StartNode', clusterName: cluster.name, operationId: start.operationId, requestedBy: start.requestedBy,
    trigger: start.trigger, orchestration: ORCHESTRATIONS.startNode, input,
    prepare: async () => { await requireReadyCluster(deps.state, cluster.name, 'VM starts'); } });
}
