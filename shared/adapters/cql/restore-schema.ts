import type cassandra from 'cassandra-driver';
import type { BackupSchema } from '../../domain/ports/cql-port.js';
import { OpsError } from '../../errors/ops-error.js';
import { planSchemaStatement } from './plan-schema-statement.js';
import { changeSchema } from './change-schema.js';

/**
 * How long the nodes may take to agree on the restored schema before the restore is retried: a
 * restore that loads files before every node knows the tables would lose them on the nodes that do not.
 */
const AGREEMENT_TIMEOUT_IN_MS = 60_000;

/**
 * Re-creates a backed-up schema, repeatably: every statement runs as CREATE … IF NOT EXISTS, in the
 * order given (a type before the table that uses it). Everything is checked before anything runs:
 * a statement that is not a CREATE, or a table that exists with another id (its snapshot files,
 * named by id, would not load into it, and IF NOT EXISTS would silently keep it), refuses the
 * whole restore. A table's dropped-column ALTERs run only when this run created it.
 */
export async function restoreSchema(client: cassandra.Client, schema: BackupSchema, replication?: Record<string, number>): Promise<void> {
  const planned = schema.statements.map((s) => planSchemaStatement(s.keyspace, s.cql, replication));
  const existing = await readTableIds(client, [...new Set([...schema.tables.map((t) => t.keyspace), ...planned.map((p) => p.keyspace)])]);
  const conflicts = schema.tables.filter((t) => existing.has(`${t.keyspace}.${t.table}`) && existing.get(`${t.keyspace}.${t.table}`) !== t.tableId);
  if (conflicts.length > 0) {
    const named = conflicts.map((t) => `${t.keyspace}.${t.table} (id ${existing.get(`${t.keyspace}.${t.table}`)}, the backup's ${t.tableId})`);
    throw new OpsError('CASSOPS_RESTORE_SCHEMA_CONFLICT', { message: `Tables exist with another id than the backup's: ${named.join(', ')}.`,
      details: { tables: conflicts.map((t) => `${t.keyspace}.${t.table}`) } });
  }
  // One at a time on one coordinator (changeSchema), so each change sees the one it depends on (a table its type, an index its table).
  const agreed = await changeSchema(client, async (run) => {
    for (const statement of planned) {
      await run(statement.create);
      const created = statement.kind === 'TABLE' && !existing.has(`${statement.keyspace}.${statement.name}`);
      for (const followUp of created ? statement.followUps : []) await run(followUp);
    }
  }, AGREEMENT_TIMEOUT_IN_MS);
  if (!agreed) {
    throw new OpsError('CASSOPS_CLUSTER_UNHEALTHY', { message: `The nodes did not agree on the restored schema within ${AGREEMENT_TIMEOUT_IN_MS / 1000} s.` });
  }
}

/** `keyspace.table` → table id of every table of the keyspaces. */
async function readTableIds(client: cassandra.Client, keyspaces: string[]): Promise<Map<string, string>> {
  if (keyspaces.length === 0) return new Map();
  const result = await client.execute('SELECT keyspace_name, table_name, id FROM system_schema.tables WHERE keyspace_name IN ?', [keyspaces],
    { prepare: true, isIdempotent: true });
  return new Map(result.rows.map((r) => [`${String(r.get('keyspace_name'))}.${String(r.get('table_name'))}`, String(r.get('id'))]));
}
