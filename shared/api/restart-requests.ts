import { OpsError } from '../errors/ops-error.js';
import type { ApiResponse } from './api-response.js';
import { RestartRequestSchema } from './api-schemas.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { requestIssues } from './request-issues.js';
import { startRestart } from './start-restart.js';

/**
 * POST /api/clusters/{name}/restart with `{ nodes? }` (an empty body restarts every node) and
 * POST /api/clusters/{name}/nodes/{node}/restart (`node` set): starts the restart (startRestart);
 * 202 with its operation. Errors: CASSOPS_REQUEST_INVALID naming each bad field (`$.nodes[0]`),
 * and those of startRestart (404 naming an unknown node, 409 not Ready or busy).
 */
export async function postRestartRequest(deps: ClusterApiDeps, name: string, body: unknown, requestedBy: string, node?: string,
): Promise<ApiResponse> {
  const parsed = RestartRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new OpsError('CASSOPS_REQUEST_INVALID', { message: 'The restart request is invalid.', issues: requestIssues(parsed.error) });
  }
  const nodes = node !== undefined ? [node] : parsed.data.nodes;
  const operationId = deps.newId();
  await startRestart(deps, { clusterName: name, nodes, operationId, requestedBy, trigger: 'api' });
  const statusUrl = `/api/operations/${operationId}`;
  return { status: 202, body: { operationId, clusterName: name, statusUrl }, headers: { location: statusUrl, 'retry-after': '5' } };
}
