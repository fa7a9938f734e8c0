import type { RepairRunRecord, SegmentRecord, SegmentStatus } from '../domain/repair/repair-model.js';
import { isRunEnded } from '../domain/repair/is-run-ended.js';
import type { RepairApiDeps } from './repair-api-deps.js';

/**
 * The run as it truly stands: one whose record still says Planning, Running or Paused while its
 * operation ended Failed (the orchestration failed or was abandoned before the run loop could
 * record it) shows Failed, with the operation's error and nothing running. Reads only: the run
 * loop owns the record, and a view must not race it.
 */
export async function reconciledRun(deps: Pick<RepairApiDeps, 'state'>, run: RepairRunRecord): Promise<RepairRunRecord> {
  if (isRunEnded(run.state)) return run;
  const operation = await deps.state.getOperation(run.runId);
  if (operation?.status !== 'Failed') return run;
  const { etaSeconds: _eta, ...rest } = run;
  const error = operation.error ?? { code: 'CASSOPS_INTERNAL', message: `Operation ${run.runId} failed.` };
  return { ...rest, state: 'Failed', running: [], endedAt: operation.endedAt ?? operation.updatedAt,
    error: { code: error.code, message: error.message } };
}

/** A run as GET /repairs lists it. */
export function runSummary(run: RepairRunRecord) {
  const done = run.segmentsTotal > 0 ? Math.min(100, Math.floor((100 * run.segmentsDone) / run.segmentsTotal)) : 0;
  const percent = run.state === 'Succeeded' ? 100 : done;
  return { runId: run.runId, state: run.state, desired: run.desired, mode: run.mode, trigger: run.trigger, requestedBy: run.requestedBy,
    createdAt: run.createdAt, updatedAt: run.updatedAt, ...(run.endedAt ? { endedAt: run.endedAt } : {}),
    segmentsDone: run.segmentsDone, segmentsTotal: run.segmentsTotal, percent,
    ...(run.pausedReason ? { pausedReason: run.pausedReason } : {}), ...(run.error ? { error: run.error } : {}) };
}

/** A run in full, as GET /repairs/{id} shows it: its summary, what it repairs, what runs and failed, its segments by status. */
export function runDetail(run: RepairRunRecord, segments: readonly SegmentRecord[]) {
  const segmentCounts: Record<SegmentStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const segment of segments) segmentCounts[segment.status]++;
  return { ...runSummary(run), cluster: run.clusterName, ...(run.keyspaces ? { keyspaces: run.keyspaces } : {}),
    ...(run.tables ? { tables: run.tables } : {}), settings: run.settings, segmentCounts, running: run.running,
    ...(run.etaSeconds !== undefined ? { etaSeconds: run.etaSeconds } : {}), failures: run.failures,
    ...(run.nodeDownSince ? { nodeDownSince: run.nodeDownSince } : {}) };
}
