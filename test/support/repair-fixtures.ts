import type { RepairRunRecord, RepairSettings, SegmentRecord } from '../../shared/domain/repair/repair-model.js';

/** Settings as a spec's defaults would give them. */
export const REPAIR_SETTINGS: RepairSettings = { mode: 'full', segmentsPerNode: 16, intensity: 0.9, segmentTimeoutMinutes: 30, minSegmentTokens: '1000000',
  maxAttempts: 3, pendingCompactionsThreshold: 20, nodeDownLimitMinutes: 60, batchSize: 1 };

/** A run of `clusterName` created at minute `minute` of 2026-01-01. */
export function repairRun(clusterName: string, runId: string, minute = 0, change: Partial<RepairRunRecord> = {}): RepairRunRecord {
  const at = new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  return { clusterName, runId, state: 'Planning', desired: 'run', mode: 'full', settings: REPAIR_SETTINGS, requestedBy: 'tester', trigger: 'api',
    createdAt: at, updatedAt: at, segmentsTotal: 0, segmentsDone: 0, running: [], failures: [], ...change };
}

/** Segment `i` of a run: tokens (1000 i, 1000 i + 1000] of keyspace ks1, on three replicas. */
export function segment(i: number, change: Partial<SegmentRecord> = {}): SegmentRecord {
  const replicas = ['127.1.1.4', '127.1.1.5', '127.1.1.6'];
  return { id: `ks1-${String(i).padStart(5, '0')}`, keyspace: 'ks1', tables: [], start: String(i * 1000), end: String(i * 1000 + 1000),
    replicas, replicaSetKey: replicas.join(','), status: 'pending', attempts: 0, ...change };
}
