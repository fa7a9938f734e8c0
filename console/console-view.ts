/**
 * What the console draws, computed from the public API's JSON: pure functions, no DOM and no
 * clock (`nowInMs` is passed in), so the unit suite runs them under Node and the page in the
 * browser. The shapes below are the slices of the API's answers the page reads (docs/api.md,
 * docs/health.md); the page shows nothing the API does not answer.
 */

export interface ApiNode { name: string; dc: string; rack: string; privateIp: string; isSeed: boolean; state: string }
export interface ApiFinding {
  code: string; severity: string; node?: string; table?: string; message: string; action?: string; since: string;
}
export interface ApiNodeHealth { node: string; datacenter: string; rack: string; state: 'up' | 'down' | 'unknown' }
export interface ApiHealth { status: string; evaluatedAt: string | null; checkId?: string; findings: ApiFinding[]; nodes: ApiNodeHealth[] }
export interface ApiStep { name: string; status: string; percent: number; message?: string }
export interface ApiOperation {
  id: string; kind: string; status: string; percent: number; steps: ApiStep[]; requestedBy: string; trigger: string;
  createdAt: string; endedAt?: string; proposal?: { action: string; reason: string; expiresAt: string };
  decision?: { approved: boolean; by: string; at: string; reason?: string }; error?: { code: string; message: string };
}
export interface ApiLedgerEntry {
  keyspace: string; table: string; gcGraceSeconds: number; lastCompleteRepairAt: string | null; ageSeconds: number;
  ratio: number | null; status: string;
}
export interface ApiRepairRun {
  runId: string; state: string; segmentsDone: number; segmentsTotal: number; percent: number; endedAt?: string;
}
export interface ApiBackup {
  backupId: string; status: string; createdAt: string; endedAt?: string; proven: boolean;
  stats: { bytes: number; newBytes: number }; latestDrill?: { status: string; rpoSeconds?: number; rtoSeconds?: number };
}

/** A node as the ring draws it: nodetool's two letters (U/D/?, then N/J/L/M), address, findings. */
export interface RingNode {
  name: string; address: string; seed: boolean;
  /** `UN`, `DN`, `UJ`…; `?N` when no check could tell (or none ran yet). */
  state: string;
  findings: { code: string; severity: string; message: string; since: string }[];
  /** When the oldest of its findings began: how long the node has been as it is. */
  since?: string;
}
export interface RingRack { rack: string; nodes: RingNode[] }
export interface RingDc { dc: string; racks: RingRack[] }

const MOVEMENT: Record<string, string> = { 'node-joining': 'J', 'node-leaving': 'L', 'node-moving': 'M' };
const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Lays the cluster's nodes out per DC and rack (sorted, racks in their natural order), each with
 * its state from the latest health check: U/D from the check's per-node view (`?` when it could
 * not tell or has not seen the node), N unless a finding says the node joins, leaves or moves.
 */
export function planRing(nodes: readonly ApiNode[], health: ApiHealth | undefined): RingDc[] {
  const dcs = new Map<string, Map<string, RingNode[]>>();
  for (const node of [...nodes].sort((a, b) => byName(a.name, b.name))) {
    const racks = dcs.get(node.dc) ?? new Map<string, RingNode[]>();
    dcs.set(node.dc, racks);
    racks.set(node.rack, [...(racks.get(node.rack) ?? []), ringNode(node, health)]);
  }
  return [...dcs].sort(([a], [b]) => byName(a, b)).map(([dc, racks]) => ({
    dc, racks: [...racks].sort(([a], [b]) => byName(a, b)).map(([rack, members]) => ({ rack, nodes: members })),
  }));
}

function ringNode(node: ApiNode, health: ApiHealth | undefined): RingNode {
  const seen = health?.nodes.find((n) => n.node === node.name)?.state;
  const findings = (health?.findings ?? []).filter((f) => f.node === node.name)
    .map(({ code, severity, message, since }) => ({ code, severity, message, since }));
  const status = seen === 'up' ? 'U' : seen === 'down' ? 'D' : '?';
  const movement = findings.map((f) => MOVEMENT[f.code]).find((m) => m !== undefined) ?? 'N';
  const since = findings.map((f) => f.since).sort()[0];
  return { name: node.name, address: node.privateIp, seed: node.isSeed, state: `${status}${movement}`, findings,
    ...(since ? { since } : {}) };
}

/** Nodes up out of the cluster's nodes, as the latest check saw them. */
export function countNodesUp(nodes: readonly ApiNode[], health: ApiHealth | undefined): { up: number; total: number } {
  const up = nodes.filter((n) => health?.nodes.find((h) => h.node === n.name)?.state === 'up').length;
  return { up, total: nodes.length };
}

/**
 * An age for people: `45 s`, `12 min`, `5 h`, `3 d` (rounded down), from an ISO time to now;
 * `never` when there is no time. A time in the future (clock skew) reads `0 s`.
 */
export function formatAge(iso: string | null | undefined, nowInMs: number): string {
  if (!iso) return 'never';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 'never';
  return formatSeconds(Math.max(0, (nowInMs - at) / 1000));
}

/** A duration in the largest unit that keeps it at least 1: `45 s`, `12 min`, `5 h`, `3 d`. */
export function formatSeconds(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** Bytes in binary units with one decimal past KiB: `512 B`, `1.5 KiB`, `3.2 GiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** When the newest repair run that finished (Succeeded) ended, if any. */
export function lastRepairAt(runs: readonly ApiRepairRun[]): string | undefined {
  return runs.filter((r) => r.state === 'Succeeded' && r.endedAt).map((r) => r.endedAt as string).sort().at(-1);
}

/** When the newest backup a restore drill proved was taken, if any. */
export function lastProvenBackupAt(backups: readonly ApiBackup[]): string | undefined {
  return backups.filter((b) => b.proven).map((b) => b.createdAt).sort().at(-1);
}

/** A ledger row as drawn: the table, its age, its gc_grace_seconds and the share of it used. */
export interface LedgerRow { table: string; lastRepair: string; gcGrace: string; usedPercent: number | null; status: string }

/**
 * Each table's last complete repair against its `gc_grace_seconds`: the share of the grace period
 * used (null when it is 0: such a table is never repaired), in the API's order (most overdue first).
 */
export function planLedgerRows(entries: readonly ApiLedgerEntry[]): LedgerRow[] {
  return entries.map((e) => ({
    table: `${e.keyspace}.${e.table}`,
    lastRepair: e.lastCompleteRepairAt === null ? `never (${formatSeconds(e.ageSeconds)} since creation)`
      : `${formatSeconds(e.ageSeconds)} ago`,
    gcGrace: formatSeconds(e.gcGraceSeconds),
    usedPercent: e.ratio === null ? null : Math.round(e.ratio * 100),
    status: e.status,
  }));
}

/** Operations that still run or wait for a person (approval), newest first as the API lists them. */
export function activeOperations(operations: readonly ApiOperation[]): ApiOperation[] {
  return operations.filter((o) => o.status === 'Running' || o.status === 'AwaitingApproval');
}

/** Operations waiting for an approval. */
export function pendingApprovals(operations: readonly ApiOperation[]): ApiOperation[] {
  return operations.filter((o) => o.status === 'AwaitingApproval' && o.proposal !== undefined);
}

/** `POST /api/clusters/{name}/plan`'s answer: what applying a spec would do, changing nothing. */
export interface ApiChangePlan {
  nodesAdded: { node: string; dc: string; rack: string }[]; nodesRemoved: { node: string; dc: string; rack: string }[];
  datacentersAdded: string[]; datacentersRemoved: string[];
  replication: { keyspace: string; from?: Record<string, number>; to: Record<string, number> }[];
  keyspacesUnmanaged: string[]; rollingRestart: { path: string }[]; inPlace: { path: string }[];
  refused: { path: string; reason: string }[]; notYetApplied: { path: string; reason: string }[]; unchanged: boolean;
}

/** The plan preview as sentences for the confirmation, and whether it may be applied (nothing refused, something to do). */
export function describeChangePlan(plan: ApiChangePlan): { changes: string[]; blockers: string[]; applicable: boolean } {
  const replication = (r: Record<string, number>) => Object.entries(r).map(([dc, rf]) => `${dc}: ${rf}`).join(', ');
  const changes = [
    ...plan.datacentersAdded.map((dc) => `datacenter ${dc} added`),
    ...plan.nodesAdded.map((n) => `node ${n.node} added in ${n.dc}/${n.rack}`),
    ...plan.nodesRemoved.map((n) => `node ${n.node} decommissioned from ${n.dc}/${n.rack}`),
    ...plan.datacentersRemoved.map((dc) => `datacenter ${dc} removed`),
    ...plan.replication.map((r) => r.from ? `keyspace ${r.keyspace} replication {${replication(r.from)}} to {${replication(r.to)}}`
      : `keyspace ${r.keyspace} created with {${replication(r.to)}}`),
    ...plan.keyspacesUnmanaged.map((k) => `keyspace ${k} no longer managed (never dropped)`),
    ...plan.rollingRestart.map((s) => `${s.path} applied by a rolling restart`),
    ...plan.inPlace.map((s) => `${s.path} applied in place`),
  ];
  const blockers = [...plan.refused, ...plan.notYetApplied].map((r) => `${r.path}: ${r.reason}`);
  return { changes, blockers, applicable: !plan.unchanged && blockers.length === 0 };
}
