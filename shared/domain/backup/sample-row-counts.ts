import type { BackupTable, TableRowCount } from './backup-model.js';

/** Tables a backup counts rows of, and the most rows counted per table. */
export const ROW_COUNT_SAMPLE = { tables: 5, cap: 100_000 } as const;

/**
 * The tables to count: up to `limit`, spread over the keyspaces (round-robin by keyspace, tables
 * in name order), so every keyspace is sampled before any gets a second table.
 */
export function sampleTables(tables: readonly BackupTable[], limit: number = ROW_COUNT_SAMPLE.tables): BackupTable[] {
  const byKeyspace = new Map<string, BackupTable[]>();
  for (const t of [...tables].sort((a, b) => (a.keyspace + '.' + a.table < b.keyspace + '.' + b.table ? -1 : 1))) {
    byKeyspace.set(t.keyspace, [...(byKeyspace.get(t.keyspace) ?? []), t]);
  }
  const out: BackupTable[] = [];
  for (let round = 0; out.length < limit; round++) {
    const next = [...byKeyspace.values()].map((list) => list[round]).filter((t): t is BackupTable => t !== undefined);
    if (next.length === 0) break;
    out.push(...next.slice(0, limit - out.length));
  }
  return out;
}

/** A count as the backup took it: absent when the table was not counted or the cap was reached. */
export interface CountTaken extends Omit<TableRowCount, 'rows'> {
  rows?: number;
}

/**
 * The counts a manifest keeps: those taken before the first snapshot and after the last that
 * agree. A table written to in between is left out (its snapshot holds some count between the
 * two, nobody knows which), and so is one counted only once or past the cap.
 */
export function stableRowCounts(before: readonly CountTaken[], after: readonly CountTaken[]): TableRowCount[] {
  const later = new Map(after.map((c) => [`${c.keyspace}.${c.table}`, c.rows]));
  return before.filter((c) => c.rows !== undefined && later.get(`${c.keyspace}.${c.table}`) === c.rows)
    .map((c) => ({ keyspace: c.keyspace, table: c.table, rows: c.rows! }));
}

/** What a drill found wrong with the restored counts: one line per table that differs. */
export function compareRowCounts(recorded: readonly TableRowCount[], restored: readonly CountTaken[]): string[] {
  const found = new Map(restored.map((c) => [`${c.keyspace}.${c.table}`, c.rows]));
  return recorded.flatMap((c) => {
    const rows = found.get(`${c.keyspace}.${c.table}`);
    return rows === c.rows ? [] : [`${c.keyspace}.${c.table}: backup recorded ${c.rows} rows, restore holds ${rows === undefined ? 'an unknown number' : rows}`];
  });
}
