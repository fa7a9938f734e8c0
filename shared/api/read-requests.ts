import { clusterEtag } from './cluster-etag.js';
import { z } from 'zod';
import { OpsError } from '../errors/ops-error.js';
import type { StateStore } from '../domain/ports/state-store.js';
import type { ClusterRecord } from '../domain/state/state-records.js';
import type { ApiResponse } from './api-response.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { reconcileOperation } from './abandon-operation.js';

/** True for a name the spec allows (so it is safe as a Table key). */
export function isClusterName(name: string): boolean {
  return /^[a-z][a-z0-9-]{1,22}[a-z0-9]$/.test(name);
}

/** True for an id operations (and so repair runs) can have: UUIDs and timer ids; nothing else may reach storage as a key. */
export function isOperationId(id: string): boolean {
  return /^[A-Za-z0-9-]{1,64}$/.test(id);
}

/** The named cluster. Errors: CASSOPS_CLUSTER_NOT_FOUND, also for a name no cluster can have (it never reaches storage). */
export async function requireCluster(state: Pick<StateStore, 'getCluster'>, name: string): Promise<ClusterRecord> {
  const cluster = isClusterName(name) ? await state.getCluster(name) : undefined;
  if (!cluster) throw new OpsError('CASSOPS_CLUSTER_NOT_FOUND', { message: `No cluster is named '${name}'.` });
  return cluster;
}

/** GET /api/clusters: every cluster's name, state and last operation. */
export async function listClustersRequest(deps: ClusterApiDeps): Promise<ApiResponse> {
  const clusters = await deps.state.listClusters();
  return { status: 200, body: { clusters: clusters.map(({ name, state, lastOperationId, createdAt, updatedAt }) =>
    ({ name, state, lastOperationId, createdAt, updatedAt })) } };
}

/** GET /api/clusters/{name}: spec, plan, nodes with their state, and the running operation if any. */
export async function getClusterRequest(deps: ClusterApiDeps, name: string): Promise<ApiResponse> {
  const cluster = await requireCluster(deps.state, name);
  const [nodes, lease] = await Promise.all([deps.state.listNodes(name), deps.state.readLease(name)]);
  const order = new Map(cluster.plan.nodes.map((n) => [n.name, n.joinOrder]));
  nodes.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  return { status: 200, body: { name: cluster.name, state: cluster.state, lastOperationId: cluster.lastOperationId,
    runningOperationId: lease.holders[0]?.operationId ?? null,
    runningOperations: lease.holders.map(({ operationId, kind, requestedBy, claimedAt }) => ({ operationId, kind, requestedBy, claimedAt })), createdAt: cluster.createdAt, updatedAt: cluster.updatedAt,
    spec: cluster.spec, plan: cluster.plan, nodes: nodes.map(({ clusterName: _c, ...n }) => n), etag: clusterEtag(cluster) },
    headers: { etag: clusterEtag(cluster) } };
}

/** GET /api/operations/{id}: kind, status, steps with progress, timings and error; one left behind by a dead orchestration shows as abandoned. */
export async function getOperationRequest(deps: ClusterApiDeps, id: string): Promise<ApiResponse> {
  const operation = isOperationId(id) ? await deps.state.getOperation(id) : undefined;
  if (!operation) throw new OpsError('CASSOPS_OPERATION_NOT_FOUND', { message: `No operation has id '${id}'.` });
  return { status: 200, body: await reconcileOperation(deps, operation) };
}

const OperationListQuery = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200')
    .default(50),
});

/**
 * GET /api/clusters/{name}/operations?limit=: the cluster's operations newest first, whoever
 * started them (API, timer, alert, remediation), each as GET /api/operations/{id} shows it.
 * Errors: CASSOPS_CLUSTER_NOT_FOUND; CASSOPS_REQUEST_INVALID naming `limit` (1 to 200, default 50).
 */
export async function listOperationsRequest(deps: ClusterApiDeps, name: string, query: Record<string, string | undefined>): Promise<ApiResponse> {
  const parsed = OperationListQuery.safeParse(query);
  if (!parsed.success) {
    throw new OpsError('CASSOPS_REQUEST_INVALID', { message: 'The operations query is invalid.',
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  await requireCluster(deps.state, name);
  const operations = await deps.state.listOperations(name, parsed.data.limit);
  return { status: 200, body: { cluster: name, operations: await Promise.all(operations.map((o) => reconcileOperation(deps, o))) } };
}
