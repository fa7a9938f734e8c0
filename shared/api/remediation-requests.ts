import type { RemediationStore } from '../domain/ports/remediation-store.js';
import type { StateStore } from '../domain/ports/state-store.js';
import type { ApiResponse } from './api-response.js';
import { requireCluster } from './read-requests.js';

/** How many decisions GET lists: days of a cluster's health changes. */
const LISTED = 100;

/**
 * GET /api/clusters/{name}/remediations: the autopilot's decisions, newest first, each with the
 * health change it answered (checkId, status), the node, the action, taken / declined /
 * nothing-to-do, the reason, and the operation a taken one started. Errors: CASSOPS_CLUSTER_NOT_FOUND.
 */
export async function listRemediationsRequest(deps: { state: StateStore; remediations: RemediationStore }, name: string): Promise<ApiResponse> {
  await requireCluster(deps.state, name);
  const decisions = await deps.remediations.listDecisions(name, LISTED);
  return { status: 200, body: { cluster: name, decisions: decisions.map(({ clusterName: _c, ...d }) => d) } };
}
