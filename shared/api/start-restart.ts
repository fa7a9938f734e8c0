import type { RestartClusterInput } from '../contracts/restart-io.js';
import { ORCHESTRATIONS } from '../contracts/names.js';
import type { OperationTrigger } from '../domain/operations/operation-kinds.js';
import { OpsError } from '../errors/ops-error.js';
import { planRestartWaves } from '../domain/restart/plan-restart-waves.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { requireReadyCluster } from './require-ready-cluster.js';
import { startOperation } from './start-operation.js';

/** A restart to start: of which nodes (none named: every node), under which operation id, who asked and why. */
export interface RestartStart {
  clusterName: string;
  nodes?: readonly string[] | undefined;
  operationId: string;
  requestedBy: string;
  trigger: OperationTrigger;
}

/**
 * Starts a rolling restart (every node, in join order) or the restart of the named nodes (in the
 * order given), through the operation lifecycle: a RestartCluster operation holds the cluster
 * against backups, repairs (which pause) and topology changes while nodes go down. Errors:
 * CASSOPS_CLUSTER_NOT_FOUND (404), also naming a node the cluster does not have;
 * CASSOPS_CLUSTER_UNHEALTHY (409) unless Ready; CASSOPS_CLUSTER_BUSY (409).
 */
export async function startRestart(deps: ClusterApiDeps, start: RestartStart): Promise<{ started: boolean; input: RestartClusterInput }> {
  const cluster = await requireReadyCluster(deps.state, start.clusterName, 'restarts');
  const byName = new Map(cluster.plan.nodes.map((n) => [n.name, n]));
  const unknown = (start.nodes ?? []).filter((n) => !byName.has(n));
  if (unknown.length > 0) {
    throw new OpsError('CASSOPS_CLUSTER_NOT_FOUND', { message: `Cluster '${cluster.name}' has no node ${unknown.map((n) => `'${n}'`).join(', ')}.` });
  }
  const nodes = start.nodes ? [...new Set(start.nodes)].map((n) => byName.get(n)!) : [...cluster.plan.nodes].sort((a, b) => a.joinOrder - b.joinOrder);
  const { waves, note } = planRestartWaves(nodes, cluster.plan, (cluster.spec as Partial<ClusterSpec>).cluster?.rollingRestart ?? 'node');
  const input: RestartClusterInput = { operationId: start.operationId, clusterName: cluster.name, nodes, waves, ...(note ? { wavesNote: note } : {}),
    settings: { nodeTimeoutInMs: deps.settings.joinTimeoutInMs, pollIntervalInMs: deps.settings.joinPollIntervalInMs } };
  const { started } = await startOperation(deps, { kind: 'RestartCluster', clusterName: cluster.name, operationId: start.operationId,
    requestedBy: start.requestedBy, trigger: start.trigger, orchestration: ORCHESTRATIONS.restartCluster, input,
    prepare: async () => { await requireReadyCluster(deps.state, cluster.name, 'restarts'); } });
  return { started, input };
}
