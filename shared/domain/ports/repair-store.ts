import type { LedgerEntry, RepairRunRecord, SegmentRecord } from '../repair/repair-model.js';

/**
 * Repair runs, their segments (one row each) and the ledger of complete repairs per table.
 *
 * Errors (OpsError codes): CASSOPS_REPAIR_NOT_FOUND from updates of a missing run;
 * CASSOPS_STATE_CONFLICT when a conditional write keeps losing races (retryable).
 */
export interface RepairStore {
  /** Inserts the run unless one with its id exists; returns whichever is stored. */
  createRun(run: RepairRunRecord): Promise<RepairRunRecord>;
  getRun(clusterName: string, runId: string): Promise<RepairRunRecord | undefined>;
  /** The cluster's runs, newest first. */
  listRuns(clusterName: string, limit: number): Promise<RepairRunRecord[]>;
  /** Read-modify-write under the run's ETag; `change` returning undefined writes nothing. */
  updateRun(clusterName: string, runId: string, change: (run: RepairRunRecord) => RepairRunRecord | undefined): Promise<RepairRunRecord>;
  /** Writes the segments (inserted or replaced), in batches Table storage accepts. */
  putSegments(clusterName: string, runId: string, segments: readonly SegmentRecord[]): Promise<void>;
  listSegments(clusterName: string, runId: string): Promise<SegmentRecord[]>;
  /** Removes segments (the parents of a split). */
  deleteSegments(clusterName: string, runId: string, segmentIds: readonly string[]): Promise<void>;
  getLedger(clusterName: string): Promise<LedgerEntry[]>;
  /** Inserts or replaces the entries (keyed by keyspace and table). */
  upsertLedger(entries: readonly LedgerEntry[]): Promise<void>;
  /** Removes everything of a deleted cluster: runs, segments, ledger. */
  deleteClusterRepairs(clusterName: string): Promise<void>;
}
