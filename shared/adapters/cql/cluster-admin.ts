import type cassandra from 'cassandra-driver';
import { quoteIdentifier, quoteLiteral } from './cql-session.js';
import { changeSchema } from './change-schema.js';
import type { KeyspaceReplication } from '../../domain/ports/cql-port.js';

const consistency = { all: 0x05, eachQuorum: 0x07, localQuorum: 0x06 } as const;
const SMOKE_TABLE = 'smoke';

/** `{'class':'NetworkTopologyStrategy','dc1':3}` for CQL. */
export function renderReplication(replication: Record<string, number>): string {
  const dcs = Object.entries(replication).map(([dc, rf]) => `${quoteLiteral(dc)}: ${rf}`).join(', ');
  return `{'class': 'NetworkTopologyStrategy', ${dcs}}`;
}

/**
 * The keyspace's replication compared with the planned one: read from system_schema, which costs
 * a local read, where a schema change costs a round of schema agreement across the cluster.
 */
async function replicationOf(client: cassandra.Client, keyspace: string, replication: Record<string, number>): Promise<'missing' | 'same' | 'different'> {
  const row = (await client.execute('SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?', [keyspace], { prepare: true })).first();
  if (!row) return 'missing';
  const current = row.replication as Record<string, string>;
  const planned = Object.entries(replication);
  const same = current.class?.endsWith('NetworkTopologyStrategy') && Object.keys(current).length === planned.length + 1
    && planned.every(([dc, rf]) => current[dc] === String(rf));
  return same ? 'same' : 'different';
}

/**
 * ALTERs keyspaces to NetworkTopologyStrategy, skipping those already there; repeating it is
 * harmless. The ALTERs run back to back on one coordinator and share one agreement wait.
 */
export async function alterKeyspaceReplication(client: cassandra.Client, keyspaces: readonly string[], replication: Record<string, number>): Promise<void> {
  const states = await Promise.all(keyspaces.map((keyspace) => replicationOf(client, keyspace, replication)));
  const changed = keyspaces.filter((_, i) => states[i] !== 'same');
  if (changed.length === 0) return;
  await changeSchema(client, async (run) => {
    for (const keyspace of changed) await run(`ALTER KEYSPACE ${quoteIdentifier(keyspace)} WITH replication = ${renderReplication(replication)}`);
  });
}

/**
 * Creates each keyspace, or ALTERs it when a re-run finds other replication, and the smoke
 * table in `smokeTableIn` if named and missing: all on one coordinator, so the table needs no
 * round of agreement on its keyspace first, and one wait covers every change. Changes nothing
 * (and waits for nothing) when all is in place already.
 */
export async function ensureKeyspaces(client: cassandra.Client, keyspaces: readonly KeyspaceReplication[], smokeTableIn?: string): Promise<void> {
  const states = await Promise.all(keyspaces.map((k) => replicationOf(client, k.name, k.replication)));
  const withTable = smokeTableIn !== undefined && !(await client.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
    [smokeTableIn, SMOKE_TABLE], { prepare: true })).first();
  if (states.every((state) => state === 'same') && !withTable) return;
  await changeSchema(client, async (run) => {
    for (const [i, keyspace] of keyspaces.entries()) {
      if (states[i] === 'same') continue;
      // IF NOT EXISTS: another writer may have created it since the read; the next run then ALTERs it.
      const verb = states[i] === 'missing' ? 'CREATE KEYSPACE IF NOT EXISTS' : 'ALTER KEYSPACE';
      await run(`${verb} ${quoteIdentifier(keyspace.name)} WITH replication = ${renderReplication(keyspace.replication)}`);
    }
    if (withTable) await run(`CREATE TABLE IF NOT EXISTS ${quoteIdentifier(smokeTableIn)}.${SMOKE_TABLE} (id text PRIMARY KEY, value text)`);
  });
}

/**
 * Creates a superuser unless it exists. CQL takes role passwords only as literals (no bind
 * markers), so the statement text holds the secret: it is never logged or stored. The password
 * is not rewritten for an existing role: Cassandra 5 refuses password changes within 5 s, and
 * the stored secret is the one the role was created with.
 */
export async function ensureSuperuserRole(client: cassandra.Client, role: string, password: string): Promise<void> {
  await client.execute(`CREATE ROLE IF NOT EXISTS ${quoteIdentifier(role)} WITH PASSWORD = ${quoteLiteral(password)} AND SUPERUSER = true AND LOGIN = true`);
}

/**
 * The health check's role: a login without superuser, granted SELECT on `system_views` only
 * (system.local, the peers tables and system_schema are readable by every login). Created like
 * the superuser (the password a literal in a statement never logged); GRANT is idempotent.
 */
export async function ensureMonitoringRole(client: cassandra.Client, role: string, password: string): Promise<void> {
  await client.execute(`CREATE ROLE IF NOT EXISTS ${quoteIdentifier(role)} WITH PASSWORD = ${quoteLiteral(password)} AND SUPERUSER = false AND LOGIN = true`);
  await client.execute(`GRANT SELECT ON KEYSPACE system_views TO ${quoteIdentifier(role)}`);
}

/** Takes the default `cassandra` role's login and superuser status away. */
export async function disableDefaultLogin(client: cassandra.Client): Promise<void> {
  await client.execute('ALTER ROLE cassandra WITH SUPERUSER = false AND LOGIN = false');
}

/**
 * Reads every table of a keyspace at CONSISTENCY ALL. After its replication grows, each row sits
 * only on its old replicas; a read at ALL contacts every replica and its blocking read repair
 * writes the rows to all of them. For small keyspaces (system_auth) this does what a repair
 * would, without Run Command.
 */
export async function readRepairKeyspace(client: cassandra.Client, keyspace: string): Promise<void> {
  const tables = await client.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [keyspace], { prepare: true });
  // The tables are independent, so their reads (each waiting on every replica) run together.
  await Promise.all(tables.rows.map((row) => {
    const table = `${quoteIdentifier(keyspace)}.${quoteIdentifier(String(row.table_name))}`;
    return client.execute(`SELECT * FROM ${table}`, [], { consistency: consistency.all, fetchSize: 1000 });
  }));
}

/** Writes a row at EACH_QUORUM (every DC acknowledges) into the table ensureKeyspaces made. */
export async function writeSmokeRow(client: cassandra.Client, keyspace: string, id: string, value: string): Promise<void> {
  await client.execute(`INSERT INTO ${quoteIdentifier(keyspace)}.${SMOKE_TABLE} (id, value) VALUES (?, ?)`, [id, value],
    { prepare: true, consistency: consistency.eachQuorum });
}

/** Reads the row back at LOCAL_QUORUM in the session's local DC. */
export async function readSmokeRow(client: cassandra.Client, keyspace: string, id: string): Promise<string | undefined> {
  const result = await client.execute(`SELECT value FROM ${quoteIdentifier(keyspace)}.${SMOKE_TABLE} WHERE id = ?`, [id],
    { prepare: true, consistency: consistency.localQuorum });
  return result.first()?.value as string | undefined;
}
