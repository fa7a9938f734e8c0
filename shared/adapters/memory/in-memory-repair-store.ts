import type { LedgerEntry, RepairRunRecord, SegmentRecord } from '../../domain/repair/repair-model.js';
import type { RepairStore } from '../../domain/ports/repair-store.js';
import { OpsError } from '../../errors/ops-error.js';
import { jsonCopy } from './json-copy.js';

/**
 * RepairStore in memory: the twin the RepairStore contract suite runs beside the Table adapter
 * (insert-if-absent runs, newest first, segments and ledger entries replaced by key, JSON copies
 * in and out so callers cannot alias stored state).
 */
export class InMemoryRepairStore implements RepairStore {
  private readonly runs = new Map<string, Map<string, RepairRunRecord>>();
  private readonly segments = new Map<string, Map<string, SegmentRecord>>();
  private readonly ledger = new Map<string, Map<string, LedgerEntry>>();

  async createRun(run: RepairRunRecord): Promise<RepairRunRecord> {
    const runs = inner(this.runs, run.clusterName);
    if (!runs.has(run.runId)) runs.set(run.runId, jsonCopy(run));
    return jsonCopy(runs.get(run.runId)!);
  }

  async getRun(clusterName: string, runId: string): Promise<RepairRunRecord | undefined> {
    return jsonCopy(this.runs.get(clusterName)?.get(runId));
  }

  async listRuns(clusterName: string, limit: number): Promise<RepairRunRecord[]> {
    // The Table adapter's order: creation time, newest first, then run id.
    return [...(this.runs.get(clusterName)?.values() ?? [])]
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || compare(a.runId, b.runId))
      .slice(0, Math.max(0, limit)).map(jsonCopy);
  }

  async updateRun(clusterName: string, runId: string,
    change: (run: RepairRunRecord) => RepairRunRecord | undefined): Promise<RepairRunRecord> {
    const stored = this.runs.get(clusterName)?.get(runId);
    if (!stored) throw new OpsError('CASSOPS_REPAIR_NOT_FOUND', { message: `Cluster '${clusterName}' has no repair run '${runId}'.` });
    const changed = change(jsonCopy(stored));
    if (changed) this.runs.get(clusterName)!.set(runId, jsonCopy(changed));
    return jsonCopy(changed ?? stored);
  }

  async putSegments(clusterName: string, runId: string, segments: readonly SegmentRecord[]): Promise<void> {
    const stored = inner(this.segments, segmentsKey(clusterName, runId));
    for (const segment of segments) stored.set(segment.id, jsonCopy(segment));
  }

  async listSegments(clusterName: string, runId: string): Promise<SegmentRecord[]> {
    const segments = [...(this.segments.get(segmentsKey(clusterName, runId))?.values() ?? [])];
    return segments.sort((a, b) => compare(a.id, b.id)).map(jsonCopy);
  }

  async deleteSegments(clusterName: string, runId: string, segmentIds: readonly string[]): Promise<void> {
    const stored = this.segments.get(segmentsKey(clusterName, runId));
    for (const id of segmentIds) stored?.delete(id);
  }

  async getLedger(clusterName: string): Promise<LedgerEntry[]> {
    // The Table adapter's order: by `keyspace.table`, code unit by code unit.
    const entries = [...(this.ledger.get(clusterName)?.entries() ?? [])];
    return entries.sort(([a], [b]) => compare(a, b)).map(([, entry]) => jsonCopy(entry));
  }

  async upsertLedger(entries: readonly LedgerEntry[]): Promise<void> {
    for (const entry of entries) inner(this.ledger, entry.clusterName).set(ledgerKey(entry), jsonCopy(entry));
  }

  async deleteClusterRepairs(clusterName: string): Promise<void> {
    for (const runId of this.runs.get(clusterName)?.keys() ?? []) this.segments.delete(segmentsKey(clusterName, runId));
    this.runs.delete(clusterName);
    this.ledger.delete(clusterName);
  }
}

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (!map) outer.set(key, (map = new Map<string, V>()));
  return map;
}

function segmentsKey(clusterName: string, runId: string): string {
  return JSON.stringify([clusterName, runId]);
}

function ledgerKey(entry: Pick<LedgerEntry, 'keyspace' | 'table'>): string {
  return `${entry.keyspace}.${entry.table}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
