import { decideRunControl, type RunControl } from '../domain/repair/decide-run-control.js';
import { evaluateLedger } from '../domain/repair/evaluate-ledger.js';
import type { RepairRunRecord } from '../domain/repair/repair-model.js';
import { OpsError } from '../errors/ops-error.js';
import type { ApiResponse } from './api-response.js';
import { RepairRequestSchema } from './api-schemas.js';
import { requestIssues } from './request-issues.js';
import { isOperationId, requireCluster } from './read-requests.js';
import type { RepairApiDeps } from './repair-api-deps.js';
import { reconciledRun, runDetail, runSummary } from './repair-run-view.js';
import { startRepairRun } from './start-repair-run.js';

/** Runs GET /repairs lists: the newest, enough to see the last months of a weekly schedule. */
const LISTED_RUNS = 20;

/**
 * POST /api/clusters/{name}/repairs with `{keyspaces?, tables?, mode?}` (an empty body repairs
 * everything): starts a run (startRepairRun); 202 with the operation and where to follow the run.
 * Errors: CASSOPS_REQUEST_INVALID naming each bad field (`$.mode`, `$.keyspaces[0]`), and those
 * of startRepairRun (404, 409 not Ready, 409 busy).
 */
export async function postRepairRequest(deps: RepairApiDeps, name: string, body: unknown, requestedBy: string,
): Promise<ApiResponse> {
  const parsed = RepairRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new OpsError('CASSOPS_REQUEST_INVALID', { message: 'The repair request is invalid.', issues: requestIssues(parsed.error) });
  }
  const start = { clusterName: name, operationId: deps.newId(), requestedBy, trigger: 'api', ...parsed.data } as const;
  const { run } = await startRepairRun(deps, start);
  const statusUrl = `/api/operations/${run.runId}`;
  const repairUrl = `/api/clusters/${name}/repairs/${run.runId}`;
  return { status: 202, body: { operationId: run.runId, runId: run.runId, cluster: name, statusUrl, repairUrl },
    headers: { location: repairUrl, 'retry-after': '5' } };
}

/** GET /api/clusters/{name}/repairs: the newest runs first, each summarized and reconciled with its operation. */
export async function listRepairsRequest(deps: RepairApiDeps, name: string): Promise<ApiResponse> {
  await requireCluster(deps.state, name);
  const runs = await Promise.all((await deps.repairs.listRuns(name, LISTED_RUNS)).map((run) => reconciledRun(deps, run)));
  return { status: 200, body: { cluster: name, runs: runs.map(runSummary) } };
}

/** GET /api/clusters/{name}/repairs/{id}: the run with its progress, running segments, ETA, failures and segment counts. */
export async function getRepairRequest(deps: RepairApiDeps, name: string, id: string): Promise<ApiResponse> {
  const run = await requireRun(deps, name, id);
  return { status: 200, body: runDetail(run, await deps.repairs.listSegments(name, id)) };
}

/**
 * POST /api/clusters/{name}/repairs/{id}/pause|resume|cancel: records what is asked in the run's
 * `desired` (decideRunControl); the run loop acts on it at its next round. 200 with the run.
 * Errors: CASSOPS_REPAIR_NOT_ACTIVE (409) for a run that ended, or is being cancelled.
 */
export async function controlRepairRequest(deps: RepairApiDeps, name: string, id: string, control: RunControl,
): Promise<ApiResponse> {
  decideOrRefuse(await requireRun(deps, name, id), control);
  const at = deps.now().toISOString();
  // Decided again on the stored record, under its ETag: the run loop may have ended it meanwhile.
  const updated = await deps.repairs.updateRun(name, id, (run) => {
    const decision = decideOrRefuse(run, control);
    return decision.outcome === 'set' ? { ...run, desired: decision.desired, updatedAt: at } : undefined;
  });
  return { status: 200, body: runDetail(await reconciledRun(deps, updated), await deps.repairs.listSegments(name, id)) };
}

/** GET /api/clusters/{name}/repairs/ledger: each table's last complete repair against its gc_grace_seconds, most overdue first. */
export async function getRepairLedgerRequest(deps: RepairApiDeps, name: string): Promise<ApiResponse> {
  const cluster = await requireCluster(deps.state, name);
  const evaluatedAt = deps.now().toISOString();
  // A table never repaired is as old as the cluster: its data can be no older.
  const tables = evaluateLedger(await deps.repairs.getLedger(name), evaluatedAt, cluster.createdAt);
  return { status: 200, body: { cluster: name, evaluatedAt, tables } };
}

/**
 * The cluster's run, reconciled. Errors: CASSOPS_CLUSTER_NOT_FOUND, CASSOPS_REQUEST_INVALID
 * (`path:id`), CASSOPS_REPAIR_NOT_FOUND (another cluster's run too).
 */
async function requireRun(deps: RepairApiDeps, name: string, id: string): Promise<RepairRunRecord> {
  await requireCluster(deps.state, name);
  if (!isOperationId(id)) {
    throw new OpsError('CASSOPS_REQUEST_INVALID', { message: `'${id}' is not a repair run id.`,
      issues: [{ path: 'path:id', message: 'must be a run id: 1-64 letters, digits or "-"' }] });
  }
  const run = await deps.repairs.getRun(name, id);
  if (!run) throw new OpsError('CASSOPS_REPAIR_NOT_FOUND', { message: `Cluster '${name}' has no repair run '${id}'.` });
  return reconciledRun(deps, run);
}

function decideOrRefuse(run: RepairRunRecord, control: RunControl): ReturnType<typeof decideRunControl> {
  const decision = decideRunControl(run, control);
  if (decision.outcome === 'refuse') {
    const message = `Repair run '${run.runId}' cannot ${control}: ${decision.reason}.`;
    throw new OpsError('CASSOPS_REPAIR_NOT_ACTIVE', { message });
  }
  return decision;
}

