import { ORCHESTRATIONS } from '../contracts/names.js';
import type { ApprovalRequest } from '../contracts/approval-io.js';
import type { ReplaceNodeInput } from '../contracts/replace-io.js';
import type { OperationTrigger } from '../domain/operations/operation-kinds.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import { OpsError } from '../errors/ops-error.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { requireReadyCluster } from './require-ready-cluster.js';
import { startOperation } from './start-operation.js';

/** A replacement to start: of which node, under which operation id, who asked and why, and the approval it waits for, if any. */
export interface ReplaceStart {
  clusterName: string;
  node: string;
  operationId: string;
  requestedBy: string;
  trigger: OperationTrigger;
  approval?: ApprovalRequest;
}

/**
 * Starts replacing a dead node through the operation lifecycle (replaceNode): a ReplaceNode
 * operation holds the cluster while the node's machine is recreated at its address and the new
 * Cassandra streams its ranges. Whether the node is dead is asked of Cassandra by the
 * operation's first step (CASSOPS_NODE_ALIVE ends it with nothing changed). Errors:
 * CASSOPS_CLUSTER_NOT_FOUND (404), also naming a node the cluster does not have;
 * CASSOPS_CLUSTER_UNHEALTHY (409) unless Ready; CASSOPS_CLUSTER_BUSY (409).
 */
export async function startReplace(deps: ClusterApiDeps, start: ReplaceStart): Promise<{ started: boolean; input: ReplaceNodeInput }> {
  const cluster = await requireReadyCluster(deps.state, start.clusterName, 'replacements');
  const node = cluster.plan.nodes.find((n) => n.name === start.node);
  if (!node) throw new OpsError('CASSOPS_CLUSTER_NOT_FOUND', { message: `Cluster '${cluster.name}' has no node '${start.node}'.` });
  const lb = cluster.plan.datacenters.find((dc) => dc.name === node.dc)?.loadBalancer;
  const input: ReplaceNodeInput = { operationId: start.operationId, clusterName: cluster.name, plan: cluster.plan, settings: deps.settings,
    machine: { clusterName: cluster.name, node: { ...node, initial: false }, vm: cluster.plan.vm, tags: cluster.plan.tags,
      spec: cluster.spec as ClusterSpec, firstBoot: deps.settings.firstBoot, replaceAddress: node.privateIp,
      ...(lb ? { loadBalancer: { name: lb.name, backendPoolName: lb.backendPoolName } } : {}) },
    ...(start.approval ? { approval: start.approval } : {}) };
  const at = deps.now().toISOString();
  const { started } = await startOperation(deps, { kind: 'ReplaceNode', clusterName: cluster.name, operationId: start.operationId,
    requestedBy: start.requestedBy, trigger: start.trigger, orchestration: ORCHESTRATIONS.replaceNode, input,
    steps: [{ name: 'validate', status: 'Succeeded', percent: 100, startedAt: at, endedAt: at }],
    prepare: async () => { await requireReadyCluster(deps.state, cluster.name, 'replacements'); } });
  return { started, input };
}
