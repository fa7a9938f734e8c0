import { formatTable } from './format-table.js';

/** A repair run as GET /api/clusters/{name}/repairs/{id} returns it (the fields the CLI shows). */
export interface RepairRunView {
  runId: string;
  cluster: string;
  state: string;
  desired: string;
  mode: string;
  trigger: string;
  requestedBy: string;
  segmentsDone: number;
  segmentsTotal: number;
  percent: number;
  etaSeconds?: number;
  pausedReason?: string;
  segmentCounts: Record<string, number>;
  running: { segmentId: string; keyspace: string; node: string; start: string; end: string; since: string }[];
  failures: { segmentId: string; keyspace: string; node: string; start: string; end: string; message: string; at: string }[];
  error?: { code: string; message: string };
}

/** A run as GET /api/clusters/{name}/repairs lists it. */
export type RepairRunSummaryView = Pick<RepairRunView, 'runId' | 'state' | 'mode' | 'trigger' | 'requestedBy' | 'segmentsDone' | 'segmentsTotal'
  | 'percent'> & { createdAt: string };

/** A row of GET /api/clusters/{name}/repairs/ledger. */
export interface LedgerRowView {
  keyspace: string;
  table: string;
  gcGraceSeconds: number;
  lastCompleteRepairAt: string | null;
  ageSeconds: number;
  status: string;
}

/** `3d4h`, `2h`, `4m10s`, `42s`: the largest unit and the next one (when not 0). */
export function formatDuration(totalSeconds: number): string {
  const units: [string, number][] = [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]];
  const seconds = Math.max(0, Math.round(totalSeconds));
  const first = units.findIndex(([, size]) => seconds >= size);
  if (first === -1) return '0s';
  const [unit, size] = units[first]!;
  const next = units[first + 1];
  const rest = next ? Math.floor((seconds % size) / next[1]) : 0;
  return `${Math.floor(seconds / size)}${unit}${next && rest > 0 ? `${rest}${next[0]}` : ''}`;
}

/**
 * What --watch redraws: the run's state, segments done of total, percent and ETA, then one line
 * per segment being repaired (node, keyspace, token range, since when).
 */
export function formatRepairProgress(run: RepairRunView): string {
  const eta = run.etaSeconds !== undefined ? `, ETA ${formatDuration(run.etaSeconds)}` : '';
  const asked = run.desired !== 'run' ? ` (${run.desired} requested)` : '';
  const paused = run.pausedReason ? `: ${run.pausedReason}` : '';
  const segments = `${run.segmentsDone}/${run.segmentsTotal} segments${eta}`;
  const header = `[${String(run.percent).padStart(3)}%] ${run.state}${asked}${paused}  ${segments}`;
  const running = run.running.map((s) => `  ${s.node.padEnd(15)} ${s.keyspace.padEnd(20)} (${s.start}, ${s.end}]  since ${s.since}`);
  return [header, ...running].join('\n') + '\n';
}

/** The whole run: who and how, progress, segments by status, the newest failures, the error. */
export function formatRepairRun(run: RepairRunView): string {
  const header = `repair ${run.runId} of ${run.cluster}: ${run.state}, ${run.mode}, requested by ${run.requestedBy} (${run.trigger})`;
  const counts = Object.entries(run.segmentCounts).map(([status, n]) => `${n} ${status}`).join(', ');
  const failures = run.failures.map((f) => `  failed ${f.keyspace} (${f.start}, ${f.end}] on ${f.node} at ${f.at}: ${f.message}`);
  const error = run.error ? [`error ${run.error.code}: ${run.error.message}`] : [];
  return [header, formatRepairProgress(run).trimEnd(), `segments: ${counts}`, ...failures, ...error].join('\n') + '\n';
}

/** The ledger as a table: keyspace.table, last complete repair, age, gc_grace_seconds, status. */
export function formatLedger(cluster: string, rows: readonly LedgerRowView[]): string {
  if (rows.length === 0) return `no tables in the repair ledger of ${cluster} yet (a run records them)\n`;
  const cells = rows.map((r) => [`${r.keyspace}.${r.table}`, r.lastCompleteRepairAt ?? 'never', formatDuration(r.ageSeconds),
    formatDuration(r.gcGraceSeconds), r.status]);
  return formatTable([['TABLE', 'LAST REPAIR', 'AGE', 'GC_GRACE', 'STATUS'], ...cells]);
}

/** One row per run, newest first: id, state, mode, when, who, segments done of total. */
export function formatRepairList(cluster: string, runs: readonly RepairRunSummaryView[]): string {
  if (runs.length === 0) return `cluster ${cluster} has no repair runs\n`;
  return formatTable([['RUN', 'STATE', 'MODE', 'CREATED', 'BY', 'SEGMENTS'], ...runs.map((r) => [r.runId, r.state, r.mode, r.createdAt,
    `${r.requestedBy} (${r.trigger})`, `${r.segmentsDone}/${r.segmentsTotal} (${r.percent}%)`])]);
}
