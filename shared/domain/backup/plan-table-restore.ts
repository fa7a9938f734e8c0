import { jsonPath, type SpecIssue } from '../spec/spec-issue.js';
import type { BackupTable } from './backup-model.js';

/** What an in-place restore names: tables as `keyspace.table`, or whole keyspaces (one of the two). */
export interface TableRestoreTargets {
  tables?: readonly string[] | undefined;
  keyspaces?: readonly string[] | undefined;
}

/**
 * The tables an in-place restore loads, as `keyspace.table` in the backup's order, or every
 * problem at its JSON path (`$.tables[1]`, `$.keyspaces[0]`): a table the backup does not hold, a
 * keyspace of which it holds no table. System tables are the cluster's own and never restored.
 */
export function planTableRestore(targets: TableRestoreTargets, backupTables: readonly BackupTable[]):
{ ok: true; tables: string[] } | { ok: false; issues: SpecIssue[] } {
  const held = backupTables.filter((t) => !t.keyspace.startsWith('system')).map((t) => `${t.keyspace}.${t.table}`);
  const inKeyspace = (keyspace: string) => held.filter((t) => t.startsWith(`${keyspace}.`));
  const issues: SpecIssue[] = [];
  targets.tables?.forEach((table, i) => {
    if (!held.includes(table)) issues.push({ path: jsonPath(['tables', i]), message: `backup holds no table "${table}"` });
  });
  targets.keyspaces?.forEach((keyspace, i) => {
    if (inKeyspace(keyspace).length > 0) return;
    issues.push({ path: jsonPath(['keyspaces', i]), message: `backup holds no table of keyspace "${keyspace}"` });
  });
  if (issues.length > 0) return { ok: false, issues };
  const asked = new Set([...(targets.tables ?? []), ...(targets.keyspaces ?? []).flatMap(inKeyspace)]);
  return { ok: true, tables: held.filter((t) => asked.has(t)) };
}

/** The id of the backup an in-place restore takes of its tables before emptying them: the restore's own, suffixed. */
export function safetyBackupId(restoreId: string): string {
  return `${restoreId}-safety`;
}
