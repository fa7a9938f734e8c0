import type cassandra from 'cassandra-driver';
import { quoteIdentifier, quoteLiteral } from './cql-session.js';

const consistency = { all: 0x05, eachQuorum: 0x07, localQuorum: 0x06 } as const;

/** `{'class':'NetworkTopologyStrategy','dc1':3}` for CQL. */
export function renderReplication(replication: Record<string, number>): string {
  const dcs = Object.entries(replication).map(([dc, rf]) => `${quoteLiteral(dc)}: ${rf}`).join(', ');
  return `{'class': 'NetworkTopologyStrategy', ${dcs}}`;
}

/** ALTERs keyspaces to NetworkTopologyStrategy; repeating it is harmless. */
export async function alterKeyspaceReplication(client: cassandra.Client, keyspaces: readonly string[], replication: Record<string, number>): Promise<void> {
  for (const keyspace of keyspaces) {
    await client.execute(`ALTER KEYSPACE ${quoteIdentifier(keyspace)} WITH replication = ${renderReplication(replication)}`);
  }
}

/** CREATE KEYSPACE IF NOT EXISTS, then ALTER so a re-run converges on the planned replication. */
export async function ensureKeyspace(client: cassandra.Client, name: string, replication: Record<string, number>): Promise<void> {
  await client.execute(`CREATE KEYSPACE IF NOT EXISTS ${quoteIdentifier(name)} WITH replication = ${renderReplication(replication)}`);
  await client.execute(`ALTER KEYSPACE ${quoteIdentifier(name)} WITH replication = ${renderReplication(replication)}`);
}

/**
 * Creates or re-keys a superuser. CQL takes role passwords only as literals (no bind markers),
 * so the statement text holds the secret: it is never logged or stored.
 */
export async function ensureSuperuserRole(client: cassandra.Client, role: string, password: string): Promise<void> {
  const options = `PASSWORD = ${quoteLiteral(password)} AND SUPERUSER = true AND LOGIN = true`;
  await client.execute(`CREATE ROLE IF NOT EXISTS ${quoteIdentifier(role)} WITH ${options}`, [], { consistency: consistency.all });
  await client.execute(`ALTER ROLE ${quoteIdentifier(role)} WITH ${options}`, [], { consistency: consistency.all });
}

/** Takes the default `cassandra` role's login and superuser away, with a password nobody keeps. */
export async function disableDefaultLogin(client: cassandra.Client, throwawayPassword: string): Promise<void> {
  await client.execute(`ALTER ROLE cassandra WITH SUPERUSER = false AND LOGIN = false AND PASSWORD = ${quoteLiteral(throwawayPassword)}`,
    [], { consistency: consistency.all });
}

/** Writes a row at EACH_QUORUM (every DC acknowledges). */
export async function writeSmokeRow(client: cassandra.Client, keyspace: string, id: string, value: string): Promise<void> {
  const ks = quoteIdentifier(keyspace);
  await client.execute(`CREATE TABLE IF NOT EXISTS ${ks}.smoke (id text PRIMARY KEY, value text)`);
  await client.execute(`INSERT INTO ${ks}.smoke (id, value) VALUES (?, ?)`, [id, value], { prepare: true, consistency: consistency.eachQuorum });
}

/** Reads the row back at LOCAL_QUORUM in the session's local DC. */
export async function readSmokeRow(client: cassandra.Client, keyspace: string, id: string): Promise<string | undefined> {
  const result = await client.execute(`SELECT value FROM ${quoteIdentifier(keyspace)}.smoke WHERE id = ?`, [id],
    { prepare: true, consistency: consistency.localQuorum });
  return result.first()?.value as string | undefined;
}
