import type { HealthReport, HealthStatus } from './health-report.js';
import type { ViewsSummary } from './summarize-views.js';

/** What started a check; stored as a string. */
export const CHECK_TRIGGERS = ['timer', 'api', 'alert'] as const;
export type CheckTrigger = (typeof CHECK_TRIGGERS)[number];

/** One completed check, as recorded in the history and as the latest state. */
export interface HealthCheckRecord {
  cluster: string;
  checkId: string;
  trigger: CheckTrigger;
  /** The operation id the check API answered with, when it was started through it. */
  operationId?: string;
  report: HealthReport;
  views: ViewsSummary;
  /** When the deep probe last ran (this check or an earlier one); feeds decideDeepProbe. */
  lastDeepProbeAt?: string;
  /** Run Command times per VM that health spent, newest last, within the last hour. */
  vmWrites: Record<string, string[]>;
}

/** An alert as received and matched, recorded once per alert id and monitor condition. */
export interface AlertRecord {
  alertId: string;
  monitorCondition: string;
  alertRule: string;
  severity: string;
  signalType: string;
  firedDateTime?: string;
  receivedAt: string;
  targets: string[];
  /** The matched cluster and node, if the target is a VM or resource group the product manages. */
  cluster?: string;
  node?: string;
  /** The check the alert triggered, if any. */
  checkId?: string;
}

/** What recording a check changed. `replacedCheckId` is the latest check it superseded, if any. */
export interface RecordCheckResult {
  becameLatest: boolean;
  replacedStatus?: HealthStatus;
  replacedCheckId?: string;
  /** The replaced report's actionableFindings, when it became latest. */
  replacedActionable?: string;
}

/** Node findings the autopilot acts on: a second node down while the status stays Degraded is news too. */
const ACTIONABLE = new Set(['node-down', 'vm-stopped', 'vm-deallocated', 'vm-missing']);

/** A report's actionable node findings as one comparable string (`code:node`, sorted). */
export function actionableFindings(report: { findings: readonly { code: string; node?: string }[] }): string {
  return report.findings.filter((f) => f.node && ACTIONABLE.has(f.code)).map((f) => `${f.code}:${f.node}`).sort().join(',');
}

export interface HistoryPage {
  items: HealthCheckRecord[];
  /** Opaque; pass back to get the next (older) page. Absent on the last page. */
  continuationToken?: string;
}

export interface ListHistoryOptions {
  from: string;
  to: string;
  pageSize: number;
  continuationToken?: string;
}

/**
 * Where health lives. Implementations: Table storage (shared/adapters/state). Invariants:
 * `recordCheck` appends to the history and replaces the latest state only if the check is newer
 * than what is stored (a slow check never overwrites a faster later one), and reports the status
 * it replaced so the caller can emit a change event exactly once; `recordAlert` is idempotent
 * per alert id and monitor condition.
 */
export interface HealthStore {
  recordCheck(record: HealthCheckRecord): Promise<RecordCheckResult>;
  getLatest(cluster: string): Promise<HealthCheckRecord | undefined>;
  getNodeLatest(cluster: string, node: string): Promise<HealthReport['nodes'][number] | undefined>;
  listHistory(cluster: string, options: ListHistoryOptions): Promise<HistoryPage>;
  recordAlert(alert: AlertRecord): Promise<{ recorded: boolean }>;
  getAlert(alertId: string, monitorCondition: string): Promise<AlertRecord | undefined>;
}

/** The event a status change puts on the `cluster-events` queue. */
export interface HealthStatusChangedEvent {
  type: 'ClusterHealthChanged';
  cluster: string;
  previousStatus?: HealthStatus;
  status: HealthStatus;
  at: string;
  checkId: string;
  findings: { code: string; severity: string; node?: string }[];
}

/**
 * Builds the change event for a recorded check, or undefined when neither its status nor its
 * actionable node findings differ from the report it replaced.
 */
export function decideHealthEvent(record: HealthCheckRecord, result: RecordCheckResult): HealthStatusChangedEvent | undefined {
  const { becameLatest, replacedStatus } = result;
  if (!becameLatest) return undefined;
  if (replacedStatus === record.report.status && (result.replacedActionable ?? '') === actionableFindings(record.report)) return undefined;
  return {
    type: 'ClusterHealthChanged', cluster: record.cluster, previousStatus: replacedStatus, status: record.report.status,
    at: record.report.evaluatedAt, checkId: record.checkId,
    findings: record.report.findings.map((f) => ({ code: f.code, severity: f.severity, node: f.node })),
  };
}
