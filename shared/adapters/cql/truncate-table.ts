import type cassandra from 'cassandra-driver';
import { OpsError } from '../../errors/ops-error.js';
import { quoteIdentifier } from './cql-session.js';

/**
 * How long the coordinator may take: it waits for every node to drop the table's files (and,
 * with auto_snapshot on, to snapshot them first), bounded by its own truncate_request_timeout
 * (60 s by default), which the session's 30 s read timeout would cut short.
 */
const TRUNCATE_TIMEOUT_IN_MS = 120_000;

/**
 * Empties a table on every node with TRUNCATE, which Cassandra refuses (Unavailable) unless every
 * node is up. The table is looked up first, so a missing one is CASSOPS_CQL_FAILED as countRows
 * has it rather than the server's "unconfigured table". The names come from stored manifests:
 * they are quoted.
 */
export async function truncateTable(client: cassandra.Client, keyspace: string, table: string): Promise<void> {
  const found = await client.execute('SELECT id FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', [keyspace, table],
    { prepare: true, isIdempotent: true });
  if (found.rowLength === 0) throw new OpsError('CASSOPS_CQL_FAILED', { message: `Table ${keyspace}.${table} does not exist.` });
  await client.execute(`TRUNCATE TABLE ${quoteIdentifier(keyspace)}.${quoteIdentifier(table)}`, [],
    { isIdempotent: true, readTimeout: TRUNCATE_TIMEOUT_IN_MS });
}
