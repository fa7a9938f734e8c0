import { evaluateLedger } from '../repair/evaluate-ledger.js';
import type { LedgerEntry } from '../repair/repair-model.js';
import type { DraftFinding } from './evaluate-node-findings.js';

/** Cassandra's default gc_grace_seconds (10 days): what a cluster with no repair on record is measured against. */
const DEFAULT_GC_GRACE_SECONDS = 864_000;

/** The repair ledger as a health check reads it: every table's last complete repair, and since when the cluster exists. */
export interface RepairLedgerView {
  entries: LedgerEntry[];
  clusterCreatedAt: string;
}

/**
 * `repair-overdue` per table: a warning once its last complete repair is older than 80 % of its
 * gc_grace_seconds, critical past 100 % (deleted data can come back); info for a table with
 * gc_grace_seconds 0, which repair cannot protect and the product does not repair. A cluster
 * with no repair on record at all is measured from its creation against the default grace.
 */
export function evaluateRepairFindings(view: RepairLedgerView | undefined, now: string): DraftFinding[] {
  if (!view) return [];
  const entries = view.entries.length > 0 ? view.entries
    : [{ clusterName: '', keyspace: '*', table: '*', gcGraceSeconds: DEFAULT_GC_GRACE_SECONDS }];
  return evaluateLedger(entries, now, view.clusterCreatedAt).flatMap((row): DraftFinding[] => {
    const table = `${row.keyspace}.${row.table}`;
    if (row.status === 'ok') return [];
    if (row.status === 'unrepairable') {
      return [{ code: 'repair-overdue', severity: 'info', table, message: `Table ${table} has gc_grace_seconds 0: it is not repaired.`,
        action: 'Deletes on it stick only if every replica got them; raise gc_grace_seconds if it takes deletes that must stay deleted.' }];
    }
    const age = `${(row.ageSeconds / 86_400).toFixed(1)} days`;
    const subject = table === '*.*' ? `No repair of this cluster has completed in its ${age}`
      : `Table ${table} was ${row.lastCompleteRepairAt ? `last completely repaired ${age} ago` : `never completely repaired (${age})`}`;
    const critical = row.status === 'critical';
    return [{ code: 'repair-overdue', severity: critical ? 'critical' : 'warning', table,
      message: `${subject}; gc_grace_seconds is ${(row.gcGraceSeconds / 86_400).toFixed(1)} days${critical ? ': deleted data can come back' : ''}.`,
      action: 'Start a repair (POST /api/clusters/{name}/repairs, or `autopilot repair start`) and check the repair schedule.' }];
  });
}
