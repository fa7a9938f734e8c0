import { ORCHESTRATIONS } from '../contracts/names.js';
import type { UpdateClusterInput } from '../contracts/update-io.js';
import { planClusterChange } from '../domain/changes/plan-cluster-change.js';
import { initialNodesOf, planClusterUpdate, unsupportedChanges } from '../domain/changes/plan-cluster-update.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import type { ClusterRecord } from '../domain/state/state-records.js';
import { OpsError } from '../errors/ops-error.js';
import { planRestartWaves } from '../domain/restart/plan-restart-waves.js';
import type { ApiResponse } from './api-response.js';
import { clusterEtag, requireIfMatch } from './cluster-etag.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { accepted } from './create-cluster-request.js';
import { planRequest } from './plan-request.js';
import { requireReadyCluster } from './require-ready-cluster.js';
import { startOperation } from './start-operation.js';

/**
 * PUT /api/clusters/{name} with a full spec and If-Match: moves the running cluster to it through
 * an UpdateCluster operation (updateCluster), 202 with the operation; 200 with `unchanged: true`
 * and nothing started when the spec asks for what the cluster has. Everything is checked before
 * anything is written, and again under the lease. Errors: CASSOPS_CLUSTER_NOT_FOUND (404);
 * CASSOPS_CLUSTER_UNHEALTHY (409) unless Ready; CASSOPS_PRECONDITION_REQUIRED (428) without
 * If-Match; CASSOPS_PRECONDITION_FAILED (412) when the spec changed since the ETag was read;
 * CASSOPS_SPEC_INVALID (400) with every issue; CASSOPS_CHANGE_REFUSED (409) with each refused
 * part at its JSON path; CASSOPS_CLUSTER_BUSY (409).
 */
export async function updateClusterRequest(deps: ClusterApiDeps, name: string, body: unknown, ifMatch: string | undefined,
  requestedBy: string): Promise<ApiResponse> {
  const cluster = await requireReadyCluster(deps.state, name, 'updates');
  requireIfMatch(cluster, ifMatch);
  const next = planRequest(body, { target: deps.target, subscriptionId: deps.subscriptionId, initialNodes: initialNodesOf(cluster.plan) });
  const change = planClusterChange({ spec: cluster.spec as ClusterSpec, plan: cluster.plan }, next);
  const refused = [...change.refused, ...unsupportedChanges(change)];
  if (refused.length > 0) {
    throw new OpsError('CASSOPS_CHANGE_REFUSED', { message: `The spec asks for ${refused.length} change(s) cluster '${name}' cannot make: nothing was changed.`,
      issues: refused.map((r) => ({ path: r.path, message: r.reason })) });
  }
  if (change.unchanged) return { status: 200, body: { cluster: name, unchanged: true }, headers: { etag: clusterEtag(cluster) } };
  const operationId = deps.newId();
  const at = deps.now().toISOString();
  const update = planClusterUpdate(cluster.plan, next.plan, change);
  const restartWaves = planRestartWaves(update.restart, cluster.plan, next.spec.cluster.rollingRestart).waves;
  const input: UpdateClusterInput = { operationId, clusterName: name, spec: next.spec, plan: next.plan, update, restartWaves, settings: deps.settings };
  await startOperation(deps, { kind: 'UpdateCluster', clusterName: name, operationId, requestedBy, trigger: 'api',
    orchestration: ORCHESTRATIONS.updateCluster, input,
    steps: [{ name: 'validate', status: 'Succeeded', percent: 100, startedAt: at, endedAt: at }],
    prepare: async () => recordNewNodes(deps, await recheck(deps, name, ifMatch), update.add, at) });
  const response = accepted(operationId, name);
  return { ...response, body: { ...(response.body as object), nodesAdded: change.nodesAdded, nodesRemoved: change.nodesRemoved } };
}

/** Under the lease: still Ready, and still the spec the ETag named (a concurrent update may just have committed). */
async function recheck(deps: ClusterApiDeps, name: string, ifMatch: string | undefined): Promise<ClusterRecord> {
  const cluster = await requireReadyCluster(deps.state, name, 'updates');
  requireIfMatch(cluster, ifMatch);
  return cluster;
}

/** The new nodes are listed as Planned from the start, so the cluster's node list shows what the update is doing. */
async function recordNewNodes(deps: ClusterApiDeps, cluster: ClusterRecord, nodes: UpdateClusterInput['update']['add'], at: string): Promise<void> {
  const known = new Set((await deps.state.listNodes(cluster.name)).map((n) => n.name));
  for (const n of nodes.filter((node) => !known.has(node.name))) {
    await deps.state.upsertNode({ clusterName: cluster.name, name: n.name, dc: n.dc, rack: n.rack, privateIp: n.privateIp, isSeed: n.isSeed,
      vmName: n.vmName, state: 'Planned', updatedAt: at });
  }
}
