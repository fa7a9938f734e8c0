import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import cassandra from 'cassandra-driver';
import { OpsError } from '../../errors/ops-error.js';
import type { CqlTarget } from '../../domain/ports/cql-port.js';

/** A CQL target plus how to reach its port. */
export interface OpenCqlSessionOptions extends CqlTarget {
  port?: number;
  connectTimeoutInMs?: number;
}

/**
 * The driver's TLS options: trust the cluster CA only and refuse anything else (set explicitly,
 * because the driver left to itself verifies nothing), and check that the certificate names the address
 * connected to. The driver connects to each host by its IP and sends no server name (no `sni`
 * option), so the identity check Node runs, named here so that no later option can drop it,
 * compares that IP with the certificate's IP SANs: a node's certificate is issued for its private IP.
 */
export function cqlTlsOptions(trustedCaPems: string | readonly string[]) {
  return {
    ca: typeof trustedCaPems === 'string' ? [trustedCaPems] : [...trustedCaPems],
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2' as const,
    checkServerIdentity: (host: string, cert: PeerCertificate) => checkServerIdentity(host, cert),
  };
}

/**
 * Opens a driver session over TLS (cqlTlsOptions), runs `work`, and always shuts it down.
 * Connection failures (a certificate refused included) become the retryable CASSOPS_CQL_UNAVAILABLE; a refused login stays the driver's AuthenticationError so
 * callers can tell "wrong password" from "not up yet" (isAuthenticationError).
 */
export async function withCqlSession<T>(options: OpenCqlSessionOptions, work: (client: cassandra.Client) => Promise<T>): Promise<T> {
  const client = new cassandra.Client({
    contactPoints: options.contactPoints,
    localDataCenter: options.localDataCenter,
    // Schema changes wait for agreement where they are made (changeSchema), once per group of changes, not after each one.
    protocolOptions: { port: options.port ?? 9042, maxSchemaAgreementWaitSeconds: 0 },
    sslOptions: cqlTlsOptions(options.trustedCaPem),
    socketOptions: { connectTimeout: options.connectTimeoutInMs ?? 5_000, readTimeout: 30_000 },
    pooling: { coreConnectionsPerHost: { [cassandra.types.distance.local]: 1, [cassandra.types.distance.remote]: 1 } },
    ...(options.credentials
      ? { authProvider: new cassandra.auth.PlainTextAuthProvider(options.credentials.username, options.credentials.password) } : {}),
    ...(options.contactPointsOnly
      ? { policies: { loadBalancing: new cassandra.policies.loadBalancing.AllowListPolicy(
        new cassandra.policies.loadBalancing.DCAwareRoundRobinPolicy(options.localDataCenter),
        options.contactPoints.map((p) => `${p}:${options.port ?? 9042}`)) } }
      : options.everyHost ? { policies: { loadBalancing: new cassandra.policies.loadBalancing.RoundRobinPolicy() } } : {}),
  });
  try {
    await connect(client, options);
    return await work(client);
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

async function connect(client: cassandra.Client, options: OpenCqlSessionOptions): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    if (isAuthenticationError(error)) throw error;
    throw new OpsError('CASSOPS_CQL_UNAVAILABLE', {
      message: `No CQL answer from ${options.contactPoints.join(', ')} (${options.localDataCenter}): ${(error as Error).message}`, cause: error });
  }
}

/** True when Cassandra refused the login (wrong user or password, or a login disabled). */
export function isAuthenticationError(error: unknown): boolean {
  const e = error as { name?: string; innerErrors?: Record<string, unknown>; message?: string };
  if (e?.name === 'AuthenticationError') return true;
  return Object.values(e?.innerErrors ?? {}).some((inner) => (inner as { name?: string })?.name === 'AuthenticationError');
}

/** Quotes a CQL identifier (keyspace, table, role) safely. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a CQL string literal; used where CQL takes no bind marker (role passwords). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
