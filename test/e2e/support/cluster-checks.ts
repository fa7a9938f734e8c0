import { existsSync, readFileSync } from 'node:fs';
import cassandra from 'cassandra-driver';
import { cqlTlsOptions } from '../../../shared/adapters/cql/cql-session.js';

/** The stacks' secret files whose cluster CAs the scenarios' own sessions trust. */
const secretFiles = new Set<string>();

/** Trusts the cluster CAs the stack stores in `secretsFile` (the local secret store) for withSession and e2eSslOptions. */
export function trustClusterCasIn(secretsFile: string): void {
  secretFiles.add(secretsFile);
}

/**
 * TLS options for a scenario's own driver sessions: the nodes take TLS only, so a scenario verifies
 * them as the product does (cqlTlsOptions), against the CAs its stacks created (read afresh: a
 * cluster deployed since the last call has its own).
 */
export function e2eSslOptions(): ReturnType<typeof cqlTlsOptions> {
  return cqlTlsOptions([...secretFiles].filter((file) => existsSync(file)).flatMap((file) =>
    Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
      .filter(([name]) => name.endsWith('-cassandra-ca-cert')).map(([, pem]) => pem)));
}

/** Opens a driver session over TLS on one DC's nodes, runs `work`, shuts it down. */
export async function withSession<T>(contactPoints: string[], dc: string, credentials: { username: string; password: string },
  work: (client: cassandra.Client) => Promise<T>): Promise<T> {
  const client = new cassandra.Client({ contactPoints, localDataCenter: dc, sslOptions: e2eSslOptions(),
    authProvider: new cassandra.auth.PlainTextAuthProvider(credentials.username, credentials.password) });
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.shutdown();
  }
}

/** How the driver sees the ring: address → {dc, rack, up}. */
export async function ringView(client: cassandra.Client): Promise<Map<string, { dc: string; rack: string; up: boolean }>> {
  return new Map(client.hosts.values().map((h) => [h.address.replace(/:\d+$/, ''), { dc: h.datacenter, rack: h.rack, up: h.isUp() }]));
}

/** True when a login is refused by Cassandra (as opposed to the node being unreachable). */
export async function isLoginRefused(contactPoint: string, dc: string, username: string, password: string): Promise<boolean> {
  try {
    await withSession([contactPoint], dc, { username, password }, async () => undefined);
    return false;
  } catch (error) {
    const inner = Object.values((error as { innerErrors?: Record<string, { name?: string }> }).innerErrors ?? {});
    if (inner.some((e) => e?.name === 'AuthenticationError')) return true;
    throw error;
  }
}
