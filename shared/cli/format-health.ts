import { formatTable } from './format-table.js';

/** A health check as GET /api/clusters/{name}/health returns the latest (the fields the CLI shows). */
export interface HealthView {
  cluster: string;
  status: string;
  evaluatedAt: string | null;
  checkId?: string;
  trigger?: string;
  deepProbe?: boolean;
  message?: string;
  findings: { code: string; severity: string; node?: string; datacenter?: string; table?: string; message: string; action: string; since: string }[];
  nodes: { node: string; datacenter: string; rack: string; state: string; diskUsedPercent?: number; pendingCompactions?: number; hintFiles?: number }[];
}

/** GET /api/clusters/{name}/health/history's answer. */
export interface HealthHistoryView {
  cluster: string;
  from: string;
  to: string;
  items: HealthView[];
  continuationToken?: string;
}

/** GET /api/clusters/{name}/health/checks/{checkId}'s answer: progress while it runs, the result once it succeeded. */
export interface HealthCheckView {
  operationId: string;
  cluster: string;
  status: string;
  progress: { phase?: string } | null;
  result: { status: string; findings: number; reason?: string } | null;
}

const optional = (value: number | undefined, unit = '') => (value === undefined ? '-' : `${value}${unit}`);

/** The status and when it was evaluated, each finding with what to do, then the nodes as a table. */
export function formatHealth(h: HealthView): string {
  if (h.evaluatedAt === null) return `${h.cluster}: ${h.status}${h.message ? `: ${h.message}` : ''}\n`;
  const by = h.checkId ? ` (check ${h.checkId}, ${h.trigger}${h.deepProbe ? ', deep probe' : ''})` : '';
  const findings = h.findings.length === 0 ? ['no findings'] : h.findings.flatMap((f) => [
    `${f.severity.padEnd(8)} ${f.code} ${f.node ?? f.table ?? f.datacenter ?? 'cluster'} since ${f.since}: ${f.message}`, `         action: ${f.action}`]);
  const nodes = h.nodes.length === 0 ? '' : formatTable([['NODE', 'DC', 'RACK', 'STATE', 'DISK', 'COMPACTIONS', 'HINTS'],
    ...h.nodes.map((n) => [n.node, n.datacenter, n.rack, n.state, optional(n.diskUsedPercent, '%'), optional(n.pendingCompactions), optional(n.hintFiles)])]);
  return `${h.cluster}: ${h.status}, evaluated ${h.evaluatedAt}${by}\n${findings.join('\n')}\n${nodes}`;
}

/** One row per check, newest first; the token for the next page when there is one. */
export function formatHealthHistory(h: HealthHistoryView): string {
  const span = `${h.cluster}: checks from ${h.from} to ${h.to}`;
  const rows = h.items.length === 0 ? `${span}: none\n` : `${span}\n${formatTable([['EVALUATED', 'STATUS', 'CHECK', 'TRIGGER', 'FINDINGS'],
    ...h.items.map((c) => [c.evaluatedAt ?? '-', c.status, c.checkId ?? '-', c.trigger ?? '-', String(c.findings.length)])])}`;
  return h.continuationToken ? `${rows}more: --continuation-token ${h.continuationToken}\n` : rows;
}

/** One line: the check's state, its phase while it runs, the status it found once it succeeded. */
export function formatHealthCheck(c: HealthCheckView): string {
  const phase = c.status === 'Running' && c.progress?.phase ? ` (${c.progress.phase})` : '';
  const result = c.result ? `: ${c.result.status}, ${c.result.findings} finding(s)${c.result.reason ? ` (${c.result.reason})` : ''}` : '';
  return `check ${c.operationId} of ${c.cluster}: ${c.status}${phase}${result}\n`;
}
