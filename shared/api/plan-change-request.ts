import { planClusterChange } from '../domain/changes/plan-cluster-change.js';
import { initialNodesOf, unsupportedChanges } from '../domain/changes/plan-cluster-update.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import type { ApiResponse } from './api-response.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { planRequest } from './plan-request.js';
import { requireCluster } from './read-requests.js';

/**
 * POST /api/clusters/{name}/plan with a full spec: what applying it to the running cluster would
 * do (planClusterChange), changing nothing. Errors: CASSOPS_CLUSTER_NOT_FOUND (404);
 * CASSOPS_SPEC_INVALID (400) with every issue of the spec at its JSON path.
 */
export async function planChangeRequest(deps: Pick<ClusterApiDeps, 'state' | 'target' | 'subscriptionId'>, name: string, body: unknown): Promise<ApiResponse> {
  const cluster = await requireCluster(deps.state, name);
  const next = planRequest(body, { target: deps.target, subscriptionId: deps.subscriptionId, initialNodes: initialNodesOf(cluster.plan) });
  const change = planClusterChange({ spec: cluster.spec as ClusterSpec, plan: cluster.plan }, next);
  // What the plan shows but an update does not apply yet is refused by PUT: the preview says so beside the refusals.
  return { status: 200, body: { cluster: name, state: cluster.state, specHash: next.specHash, ...change, notYetApplied: unsupportedChanges(change) } };
}
