/** Cluster status, worst last. Stored as strings. */
export const HEALTH_STATUSES = ['Healthy', 'Degraded', 'Critical', 'Unknown'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export const FINDING_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** Finding codes, stable: operators and alerts key on them. */
export const FINDING_CODES = [
  'node-down', 'node-not-seen-by-peers', 'node-not-serving', 'vm-stopped', 'vm-deallocated',
  'vm-provisioning-failed', 'node-joining', 'node-leaving', 'node-moving', 'schema-disagreement',
  'disk-usage-high', 'pending-compactions-high', 'dropped-mutations', 'dc-quorum-lost',
  'view-unavailable', 'probe-failed', 'unknown-node', 'hints-pending', 'repair-overdue', 'backup-stale', 'backup-failed',
  'restore-unproven', 'vm-missing',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** One thing wrong (or worth knowing), with what to do about it. */
export interface HealthFinding {
  code: FindingCode;
  severity: FindingSeverity;
  /** The node concerned; undefined for cluster- or DC-wide findings. */
  node?: string;
  datacenter?: string;
  /** The table concerned (`keyspace.table`), for findings about one table. */
  table?: string;
  message: string;
  /** What an operator should do. */
  action: string;
  /** ISO time the finding was first seen, carried across consecutive evaluations. */
  since: string;
}

/** Per-node summary of one evaluation. */
export interface NodeHealth {
  node: string;
  datacenter: string;
  rack: string;
  /** up: serving; down: not serving; unknown: no view could tell. */
  state: 'up' | 'down' | 'unknown';
  powerState?: string;
  diskUsedPercent?: number;
  pendingCompactions?: number;
  /** Cumulative internode messages the node dropped (virtual table internode_inbound); kept to count new drops. */
  droppedMutations?: number;
  hintFiles?: number;
}

/** The result of one evaluation: status, findings and the per-node picture. */
export interface HealthReport {
  status: HealthStatus;
  evaluatedAt: string;
  findings: HealthFinding[];
  nodes: NodeHealth[];
  /** Whether the Run Command (disk) probe contributed to this evaluation. */
  deepProbe: boolean;
}

/** Stable identity of a finding across evaluations, used to carry `since`. */
export function findingKey(finding: Pick<HealthFinding, 'code' | 'node' | 'datacenter' | 'table'>): string {
  return `${finding.code}|${finding.node ?? ''}|${finding.datacenter ?? ''}${finding.table ? `|${finding.table}` : ''}`;
}
