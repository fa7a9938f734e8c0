import type { BackupHistoryView } from '../domain/backup/evaluate-backup-findings.js';
import type { RepairLedgerView } from '../domain/health/evaluate-repair-findings.js';
import type { HealthReport, HealthStatus } from '../domain/health/health-report.js';
import type { HealthThresholds } from '../domain/health/health-thresholds.js';
import type { AzureView, CqlView, LivenessView, ManagedNode, NodeProbe } from '../domain/health/health-views.js';
import type { CheckTrigger, HealthCheckRecord } from '../domain/health/health-store.js';
import type { DeepProbeDecision } from '../domain/health/decide-deep-probe.js';

/** A managed node plus where its VM lives. */
export interface HealthNode extends ManagedNode {
  resourceGroup: string;
}

export interface SweepInput {
  /** Stable per timer tick, so a replayed sweep starts the same child instances. */
  sweepId: string;
  /** Clusters checked at once. */
  concurrency: number;
}

export interface CheckClusterHealthInput {
  cluster: string;
  checkId: string;
  trigger: CheckTrigger;
}

export interface CheckClusterHealthResult {
  cluster: string;
  checkId: string;
  status: HealthStatus | 'Skipped';
  reason?: string;
  findings: number;
  deepProbe?: DeepProbeDecision;
}

export interface ListClustersDueInput { now: string }
export interface ListClustersDueOutput { clusters: string[] }

export interface LoadHealthContextInput { cluster: string }
export type LoadHealthContextOutput =
  | { found: false; reason: string }
  | {
    found: true;
    nodes: HealthNode[];
    thresholds: HealthThresholds;
    previous?: HealthReport;
    lastDeepProbeAt?: string;
    vmWrites: Record<string, string[]>;
    operationRunning: boolean;
    repairLedger: RepairLedgerView;
    backupHistory: BackupHistoryView;
  };

export interface ProbeCqlViewInput { cluster: string; nodes: HealthNode[] }
export type ProbeCqlViewOutput = CqlView;

/** The nodes' addresses, asked only when the CQL view was not reachable. */
export interface ProbeNativeTransportInput { addresses: string[] }
export type ProbeNativeTransportOutput = LivenessView;

export interface ReadAzureViewInput { nodes: HealthNode[] }
export type ReadAzureViewOutput = AzureView;

export interface ProbeNodeHealthInput { node: HealthNode }
export type ProbeNodeHealthOutput = NodeProbe;

export interface RecordHealthCheckInput { record: HealthCheckRecord }
export interface RecordHealthCheckOutput { changed: boolean; previousStatus?: HealthStatus; becameLatest: boolean }
