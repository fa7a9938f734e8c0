import type cassandra from 'cassandra-driver';
import type { BackupSchema } from '../../domain/ports/cql-port.js';
import type { BackupTable } from '../../domain/backup/backup-model.js';
import { quoteIdentifier } from './cql-session.js';
import { readPages } from './read-pages.js';

const READ = { isIdempotent: true, prepare: false } as const;

/**
 * Each keyspace's schema as Cassandra itself describes it (`DESCRIBE KEYSPACE … WITH INTERNALS`,
 * server-side since 4.0): its rows come in the order a restore must create them in (keyspace,
 * types, functions, aggregates, tables each with its indexes and views), and WITH INTERNALS puts
 * the table id (`WITH ID = …`) and the dropped columns in each CREATE TABLE. The table ids are read
 * from `system_schema.tables` of the same host, so that both come from one schema version.
 */
export async function readBackupSchema(client: cassandra.Client, keyspaces: readonly string[]): Promise<BackupSchema> {
  const host = client.hosts.values().find((h) => h.isUp());
  const pinned = { ...READ, ...(host ? { host } : {}) };
  const schema: BackupSchema = { statements: [], tables: [] };
  for (const keyspace of keyspaces) {
    // DESCRIBE pages like a SELECT (a keyspace of many tables spans pages).
    for await (const page of readPages(client, `DESCRIBE KEYSPACE ${quoteIdentifier(keyspace)} WITH INTERNALS`, [], pinned)) {
      schema.statements.push(...page.rows.map((r) => ({ keyspace, cql: String(r.get('create_statement')) })));
    }
    const tables = await client.execute('SELECT table_name, id FROM system_schema.tables WHERE keyspace_name = ?', [keyspace],
      { ...pinned, prepare: true });
    schema.tables.push(...tables.rows.map((r): BackupTable => ({ keyspace, table: String(r.get('table_name')), tableId: String(r.get('id')) })));
  }
  return schema;
}
