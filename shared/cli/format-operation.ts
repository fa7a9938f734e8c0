import { formatTable } from './format-table.js';

/** An operation as the API returns it (the fields the CLI shows). */
export interface OperationView {
  id: string;
  kind: string;
  clusterName: string;
  status: string;
  percent: number;
  steps: { name: string; status: string; percent: number; startedAt: string; endedAt?: string; message?: string }[];
  requestedBy?: string;
  trigger?: string;
  tookOverFrom?: { operationId: string; reason: string }[];
  proposal?: { action: string; reason: string; expiresAt: string };
  decision?: { approved: boolean; by: string; at: string; reason?: string };
  createdAt: string;
  endedAt?: string;
  error?: { code: string; message: string; azureCode?: string };
}

function seconds(from: string, to: string | undefined): string {
  if (!to) return '';
  return `${Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000))}s`;
}

/** One line per step: `[ 45%] join       Running  12s  starting demo-dc1-002`. */
export function formatStep(step: OperationView['steps'][number]): string {
  const pct = String(step.percent).padStart(3);
  return `[${pct}%] ${step.name.padEnd(10)} ${step.status.padEnd(9)} ${seconds(step.startedAt, step.endedAt).padStart(5)}  ${step.message ?? ''}`.trimEnd();
}

/** The whole operation: header, steps, error. */
export function formatOperation(op: OperationView): string {
  const who = op.requestedBy ? `, requested by ${op.requestedBy}${op.trigger ? ` (${op.trigger})` : ''}` : '';
  const header = `${op.kind} ${op.clusterName}: ${op.status} ${op.percent}% (operation ${op.id}${who})`;
  const tookOver = (op.tookOverFrom ?? []).map((t) => `
took over the lease of ${t.operationId}: ${t.reason}`).join('');
  const error = op.error ? `\nerror ${op.error.code}${op.error.azureCode ? ` (${op.error.azureCode})` : ''}: ${op.error.message}` : '';
  const proposal = op.proposal ? `\nproposes: ${op.proposal.action} (${op.proposal.reason}); waits until ${op.proposal.expiresAt}` : '';
  const decision = op.decision ? `\n${op.decision.approved ? 'approved' : 'rejected'} by ${op.decision.by} at ${op.decision.at}${op.decision.reason ? `: ${op.decision.reason}` : ''}` : '';
  return `${header}${tookOver}${proposal}${decision}\n${op.steps.map(formatStep).join('\n')}${error}\n`;
}

/** A cluster's operations, one line each: `OPERATION  KIND  STATUS  CREATED  TOOK  BY`. */
export function formatOperationList(ops: readonly OperationView[]): string {
  if (ops.length === 0) return 'no operations\n';
  return formatTable([['OPERATION', 'KIND', 'STATUS', 'CREATED', 'TOOK', 'BY'], ...ops.map((o) => [o.id, o.kind,
    o.status === 'Running' ? `Running ${o.percent}%` : o.status, o.createdAt, seconds(o.createdAt, o.endedAt) || '-',
    `${o.requestedBy ?? '?'}${o.trigger ? ` (${o.trigger})` : ''}`])]);
}
