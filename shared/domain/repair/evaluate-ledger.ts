import type { LedgerEntry } from './repair-model.js';

/** A table's age past its last complete repair is a warning above this share of gc_grace_seconds. */
export const LEDGER_WARNING_RATIO = 0.8;

/**
 * - `ok`, `warning` (older than LEDGER_WARNING_RATIO of gc_grace), `critical` (older than
 *   gc_grace: a replica that missed a delete can bring the deleted data back once the tombstone
 *   is purged elsewhere);
 * - `unrepairable`: gc_grace_seconds 0 (tombstones go at the first compaction, so repair cannot
 *   protect deletes; such tables are reported, not repaired).
 */
export const LEDGER_STATUSES = ['ok', 'warning', 'critical', 'unrepairable'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** A table's repair age against its grace period. */
export interface LedgerRow {
  keyspace: string;
  table: string;
  gcGraceSeconds: number;
  /** Null: never completely repaired. */
  lastCompleteRepairAt: string | null;
  ageSeconds: number;
  /** ageSeconds / gcGraceSeconds; null when gc_grace_seconds is 0. */
  ratio: number | null;
  status: LedgerStatus;
}

const URGENCY: Record<LedgerStatus, number> = { critical: 0, warning: 1, ok: 2, unrepairable: 3 };

/**
 * How overdue each table's repair is. A table never repaired is as old as `neverRepairedSince`
 * (the cluster's creation: its data can be no older). Ages are never negative (a clock behind a
 * recorded time reads as 0). Rows come most urgent first: by status, then by ratio, then by name.
 */
export function evaluateLedger(entries: readonly LedgerEntry[], now: string, neverRepairedSince: string): LedgerRow[] {
  const nowMs = Date.parse(now);
  return entries.map((entry): LedgerRow => {
    const since = entry.lastCompleteRepairAt ?? neverRepairedSince;
    const ageSeconds = Math.max(0, Math.floor((nowMs - Date.parse(since)) / 1000));
    const ratio = entry.gcGraceSeconds > 0 ? ageSeconds / entry.gcGraceSeconds : null;
    return { keyspace: entry.keyspace, table: entry.table, gcGraceSeconds: entry.gcGraceSeconds,
      lastCompleteRepairAt: entry.lastCompleteRepairAt ?? null, ageSeconds, ratio, status: statusOf(ratio) };
  }).sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || (b.ratio ?? 0) - (a.ratio ?? 0)
    || `${a.keyspace}.${a.table}`.localeCompare(`${b.keyspace}.${b.table}`));
}

function statusOf(ratio: number | null): LedgerStatus {
  if (ratio === null) return 'unrepairable';
  if (ratio > 1) return 'critical';
  return ratio > LEDGER_WARNING_RATIO ? 'warning' : 'ok';
}
