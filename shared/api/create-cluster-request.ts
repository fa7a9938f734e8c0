import { isOperationOpen, type ClusterRecord } from '../domain/state/state-records.js';
import type { DeployClusterInput } from '../contracts/activity-io.js';
import { ORCHESTRATIONS } from '../contracts/names.js';
import { OpsError } from '../errors/ops-error.js';
import type { ApiResponse } from './api-response.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { planRequest, type PlannedRequest } from './plan-request.js';
import { hashSpec } from '../domain/spec/hash-spec.js';
import { reconcileOperation } from './abandon-operation.js';
import { startOperation } from './start-operation.js';
import { parseIdempotencyKey } from './idempotency-key.js';
import type { RestoreRef } from '../contracts/backup-io.js';
import type { OperationTrigger } from '../domain/operations/operation-kinds.js';
import { refuseForeignResourceGroups } from './refuse-foreign-resource-groups.js';

/**
 * POST /api/clusters. Validates and plans the spec, refuses resource groups the cluster may not
 * use (refuseForeignResourceGroups), then starts deployCluster through the operation lifecycle;
 * 202 with the operation id and status URL. An Idempotency-Key returns the
 * operation it first started (resuming it if it failed or was abandoned); the same key with
 * another body is 422. A cluster that exists is 409, unless it failed with the very same spec:
 * then the request re-runs the deployment, which resumes from what exists. A malformed
 * Idempotency-Key is CASSOPS_REQUEST_INVALID, checked before anything is read or written.
 */
export async function createClusterRequest(deps: ClusterApiDeps, body: unknown, idempotencyKey: string | undefined,
  requestedBy: string): Promise<ApiResponse> {
  const key = parseIdempotencyKey(idempotencyKey);
  const request = planRequest(body, { target: deps.target, subscriptionId: deps.subscriptionId });
  // Before anything is recorded (the idempotency key included): a refused spec leaves no trace.
  await refuseForeignResourceGroups(deps, request);
  const name = request.plan.clusterName;
  let operationId = deps.newId();
  if (key !== undefined) {
    const stored = await deps.state.rememberIdempotencyKey({ key, operationId, clusterName: name,
      requestHash: request.specHash });
    if (stored.requestHash !== request.specHash) throw new OpsError('CASSOPS_IDEMPOTENCY_KEY_REUSED');
    operationId = stored.operationId;
    const existing = await deps.state.getOperation(operationId);
    if (existing && (await reconcileOperation(deps, existing)).status !== 'Failed') return accepted(existing.id, name);
  }
  await startDeployment(deps, request, { operationId, requestedBy, trigger: 'api' });
  return accepted(operationId, name);
}

/** Who starts a deployment, and the backup it restores when it is a restore. */
export interface DeploymentStart {
  operationId: string;
  requestedBy: string;
  trigger: OperationTrigger;
  restore?: RestoreRef;
}

/**
 * Starts deploying a planned request as a new cluster through the operation lifecycle: refuses a
 * cluster that exists (unless it failed with the same spec), records the cluster and its nodes
 * and creates its certificate authority under the lease, starts deployCluster. A restore is the same deployment, as a RestoreCluster
 * operation that loads the backup once the cluster is hardened.
 */
export async function startDeployment(deps: ClusterApiDeps, request: PlannedRequest, start: DeploymentStart): Promise<void> {
  const name = request.plan.clusterName;
  refuseExisting(await settledCluster(deps, name), request);
  const at = deps.now().toISOString();
  const { operationId, requestedBy, trigger, restore } = start;
  const input: DeployClusterInput = { operationId, plan: request.plan, spec: request.spec, settings: deps.settings, ...(restore ? { restore } : {}) };
  await startOperation(deps, {
    kind: restore ? 'RestoreCluster' : 'DeployCluster', clusterName: name, operationId, requestedBy, trigger,
    orchestration: ORCHESTRATIONS.deployCluster, input,
    steps: [{ name: 'validate', status: 'Succeeded', percent: 100, startedAt: at, endedAt: at }],
    // Checked again under the lease: a takeover may just have marked an abandoned deployment Failed.
    // The CA is made here, under the lease, once: the VMs created in parallel all need its certificates.
    prepare: async () => {
      await record(deps, request, operationId, refuseExisting(await deps.state.getCluster(name), request));
      await deps.ensureClusterCa(name);
    },
  });
}

/** The cluster's record once its last operation is reconciled: a deployment abandoned mid-way leaves it Failed, so it can re-run. */
async function settledCluster(deps: ClusterApiDeps, name: string): Promise<ClusterRecord | undefined> {
  const cluster = await deps.state.getCluster(name);
  const last = cluster && (await deps.state.getOperation(cluster.lastOperationId));
  if (!last || !isOperationOpen(last.status)) return cluster;
  return isOperationOpen((await reconcileOperation(deps, last)).status) ? cluster : deps.state.getCluster(name);
}

/** Throws CASSOPS_CLUSTER_EXISTS unless the cluster is absent or failed with the same spec; returns it when re-runnable. */
function refuseExisting(cluster: ClusterRecord | undefined, request: PlannedRequest): ClusterRecord | undefined {
  if (!cluster) return undefined;
  if (cluster.state === 'Failed' && hashSpec(cluster.spec) === request.specHash) return cluster;
  throw new OpsError('CASSOPS_CLUSTER_EXISTS', { message: `Cluster '${cluster.name}' already exists (${cluster.state}); change it through its own operations.` });
}

async function record(deps: ClusterApiDeps, request: PlannedRequest, operationId: string, previous: ClusterRecord | undefined): Promise<void> {
  const at = deps.now().toISOString();
  const name = request.plan.clusterName;
  const cluster: ClusterRecord = { name, state: 'Provisioning', spec: request.spec, plan: request.plan, lastOperationId: operationId,
    createdAt: previous?.createdAt ?? at, updatedAt: at };
  if (previous) await deps.state.replaceCluster(cluster);
  else await deps.state.createCluster(cluster);
  // A re-run keeps what earlier runs reached (VmCreated, Joined): the record stays truthful.
  const known = new Map((previous ? await deps.state.listNodes(name) : []).map((n) => [n.name, n.state]));
  for (const n of request.plan.nodes) {
    await deps.state.upsertNode({ clusterName: name, name: n.name, dc: n.dc, rack: n.rack, privateIp: n.privateIp, isSeed: n.isSeed,
      vmName: n.vmName, state: known.get(n.name) ?? 'Planned', updatedAt: at });
  }
}

/** 202 with where to follow the operation. */
export function accepted(operationId: string, clusterName: string): ApiResponse {
  const statusUrl = `/api/operations/${operationId}`;
  return { status: 202, body: { operationId, clusterName, statusUrl }, headers: { location: statusUrl, 'retry-after': '5' } };
}
