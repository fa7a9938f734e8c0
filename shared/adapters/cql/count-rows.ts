import cassandra from 'cassandra-driver';
import type { CountRowsOptions } from '../../domain/ports/cql-port.js';
import { OpsError } from '../../errors/ops-error.js';
import { quoteIdentifier } from './cql-session.js';
import { readPages } from './read-pages.js';

/** The most rows one page asks for: big enough to count fast, small enough for one read timeout. */
const PAGE_SIZE = 5_000;

/**
 * Counts a table's rows up to `cap` by paging through its partition key columns. COUNT(*) is one
 * request that must finish within the read timeout, which a big table's does not; pages each get
 * their own. Selecting only the partition key keeps pages small, and still yields one result row
 * per CQL row (not per partition). The names come from stored manifests: they are quoted.
 */
export async function countRows(client: cassandra.Client, keyspace: string, table: string,
  options: CountRowsOptions): Promise<{ rows: number; capped: boolean }> {
  const columns = await client.execute('SELECT column_name, kind, position FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?',
    [keyspace, table], { prepare: true, isIdempotent: true });
  const key = columns.rows.filter((r) => r.get('kind') === 'partition_key')
    .sort((a, b) => Number(a.get('position')) - Number(b.get('position'))).map((r) => quoteIdentifier(String(r.get('column_name'))));
  if (key.length === 0) throw new OpsError('CASSOPS_CQL_FAILED', { message: `Table ${keyspace}.${table} does not exist.` });
  const consistency = options.consistency === 'ONE' ? cassandra.types.consistencies.one : cassandra.types.consistencies.localQuorum;
  const query = `SELECT ${key.join(', ')} FROM ${quoteIdentifier(keyspace)}.${quoteIdentifier(table)}`;
  // One row past the cap tells "more than cap" from "exactly cap".
  const fetchSize = Math.min(options.cap + 1, PAGE_SIZE);
  let rows = 0;
  for await (const page of readPages(client, query, [], { consistency, fetchSize, isIdempotent: true, prepare: false })) {
    rows += page.rowLength;
    if (rows > options.cap) return { rows: options.cap, capped: true };
  }
  return { rows, capped: false };
}
