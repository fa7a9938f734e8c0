import { z } from 'zod';
import { OpsError } from '../errors/ops-error.js';
import { CLUSTER_STATES } from '../domain/state/state-records.js';
import { requireCluster } from './read-requests.js';
import type { ApiResponse } from './api-response.js';
import type { HealthApiDeps } from './health-api-deps.js';
import type { HealthCheckRecord } from '../domain/health/health-store.js';

const DAY_MS = 86_400_000;
const MAX_SPAN_DAYS = 31;

const HistoryQuery = z.object({
  from: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-03-01T00:00:00Z' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-03-02T00:00:00Z' }).optional(),
  pageSize: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(100).default(20),
  continuationToken: z.string().max(2_000).optional(),
});

function publicCheck(record: HealthCheckRecord) {
  return {
    checkId: record.checkId, trigger: record.trigger, status: record.report.status, evaluatedAt: record.report.evaluatedAt,
    deepProbe: record.report.deepProbe, findings: record.report.findings, nodes: record.report.nodes, views: record.views,
  };
}

/** GET /api/clusters/{name}/health: the latest status, findings (with since and action) and per-node state. */
export async function getHealthRequest(deps: HealthApiDeps, name: string): Promise<ApiResponse> {
  await requireCluster(deps.state, name);
  const latest = await deps.health.getLatest(name);
  if (!latest) return { status: 200, body: { cluster: name, status: 'Unknown', evaluatedAt: null, findings: [], nodes: [], message: 'No health check has run for this cluster yet.' } };
  return { status: 200, body: { cluster: name, ...publicCheck(latest) } };
}

/**
 * GET /api/clusters/{name}/health/history?from=&to=&pageSize=&continuationToken=: checks newest
 * first. Defaults: the last 24 hours, 20 per page. Errors: CASSOPS_REQUEST_INVALID naming the
 * query parameter (bad date, from after to, a span over 31 days, a token not issued here).
 */
export async function getHealthHistoryRequest(deps: HealthApiDeps, name: string, query: Record<string, string | undefined>): Promise<ApiResponse> {
  await requireCluster(deps.state, name);
  const parsed = HistoryQuery.safeParse(query);
  if (!parsed.success) {
    throw new OpsError('CASSOPS_REQUEST_INVALID', { message: 'The history query is invalid.',
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  const to = parsed.data.to ? new Date(parsed.data.to) : deps.now();
  const from = parsed.data.from ? new Date(parsed.data.from) : new Date(to.getTime() - DAY_MS);
  if (from > to) throw invalid('from', 'must not be after to');
  if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS) throw invalid('from', `the range may span at most ${MAX_SPAN_DAYS} days`);
  try {
    const page = await deps.health.listHistory(name, { from: from.toISOString(), to: to.toISOString(), pageSize: parsed.data.pageSize, continuationToken: parsed.data.continuationToken });
    const next = page.continuationToken
      ? `/api/clusters/${name}/health/history?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), pageSize: String(parsed.data.pageSize), continuationToken: page.continuationToken })}`
      : undefined;
    return { status: 200, body: { cluster: name, from: from.toISOString(), to: to.toISOString(), items: page.items.map(publicCheck), continuationToken: page.continuationToken, nextLink: next } };
  } catch (error) {
    if (error instanceof RangeError) throw invalid('continuationToken', error.message);
    throw error;
  }
}

/**
 * POST /api/clusters/{name}/health/check: starts a check now and answers 202 with its operation
 * (the check id) and where to poll it. Errors: CASSOPS_CLUSTER_NOT_FOUND; CASSOPS_REQUEST_INVALID
 * when the cluster is not Ready (nothing to check while it is being built or deleted).
 */
export async function postHealthCheckRequest(deps: HealthApiDeps, name: string): Promise<ApiResponse> {
  const cluster = await requireCluster(deps.state, name);
  if (cluster.state !== CLUSTER_STATES.Ready) {
    throw new OpsError('CASSOPS_REQUEST_INVALID', { message: `Cluster '${name}' is ${cluster.state}; health checks run on Ready clusters.` });
  }
  const checkId = `check-${deps.newId()}`;
  await deps.checks.start(name, checkId, 'api');
  const location = `/api/clusters/${name}/health/checks/${checkId}`;
  return { status: 202, headers: { Location: location }, body: { operationId: checkId, cluster: name, status: 'Running', statusQueryUri: location } };
}

/** GET /api/clusters/{name}/health/checks/{checkId}: the check's progress and, once done, its result. */
export async function getHealthCheckRequest(deps: HealthApiDeps, name: string, checkId: string): Promise<ApiResponse> {
  await requireCluster(deps.state, name);
  const status = /^[A-Za-z0-9-]{1,100}$/.test(checkId) ? await deps.checks.status(checkId) : undefined;
  const output = status?.output as { cluster?: string } | undefined;
  if (!status || (output?.cluster !== undefined && output.cluster !== name)) {
    throw new OpsError('CASSOPS_OPERATION_NOT_FOUND', { message: `No health check '${checkId}' for cluster '${name}'.` });
  }
  const state = status.runtimeStatus === 'Completed' ? 'Succeeded' : status.runtimeStatus === 'Failed' || status.runtimeStatus === 'Terminated' ? 'Failed' : 'Running';
  return { status: 200, body: { operationId: checkId, cluster: name, status: state, progress: status.customStatus ?? null, result: state === 'Succeeded' ? status.output : null } };
}

function invalid(path: string, message: string): OpsError {
  return new OpsError('CASSOPS_REQUEST_INVALID', { message: `The history query is invalid: ${path} ${message}.`, issues: [{ path, message }] });
}
