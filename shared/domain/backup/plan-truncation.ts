import type { BackupTable } from './backup-model.js';

/** Which of an in-place restore's tables to empty, and which it must not touch. */
export interface TruncationPlan {
  /** Tables that exist with the backup's id: emptied, then loaded. */
  truncate: BackupTable[];
  /** Tables that exist with another id (dropped and created again since the backup): the backup's files would not load into them. */
  conflicts: { table: string; currentId: string; backupId: string }[];
}

/**
 * Decides, from the backup's table ids and the ids the safety backup just read, what an in-place
 * restore empties. A table the safety backup did not find (dropped since the backup) has nothing
 * to empty: the restore's schema step creates it again with the backup's id. Any conflict means
 * nothing is to be emptied: the caller fails the restore before touching a table.
 */
export function planTruncation(tables: readonly string[], backup: readonly BackupTable[], current: readonly BackupTable[]): TruncationPlan {
  const key = (t: BackupTable) => `${t.keyspace}.${t.table}`;
  const plan: TruncationPlan = { truncate: [], conflicts: [] };
  for (const name of tables) {
    const was = backup.find((t) => key(t) === name);
    const now = current.find((t) => key(t) === name);
    if (!was || !now) continue;
    if (now.tableId === was.tableId) plan.truncate.push(now);
    else plan.conflicts.push({ table: name, currentId: now.tableId, backupId: was.tableId });
  }
  return plan;
}
