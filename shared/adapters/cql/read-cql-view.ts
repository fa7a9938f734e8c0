import type cassandra from 'cassandra-driver';
import { withCqlSession, isAuthenticationError, type OpenCqlSessionOptions } from './cql-session.js';
import type { CqlHost, CqlView } from '../../domain/health/health-views.js';

export interface ReadCqlViewOptions extends OpenCqlSessionOptions {
  /** How long one host may take to answer its own system.local before it counts as down. */
  perHostTimeoutInMs?: number;
  /** The clock, injected so the view carries the time it was taken. */
  now?: () => Date;
}

/**
 * Cassandra's view through the real driver: every host the cluster's metadata lists (system.local
 * and system.peers via the control connection), each asked for its own `schema_version` with the
 * query pinned to that host. A host counts as up only if it answers: the driver's own up flag
 * lags a killed process by the time its pool notices. Never throws: a cluster no contact point
 * answers for (or a refused login) is `reachable: false` with the reason, without secrets.
 */
export async function readCqlView(options: ReadCqlViewOptions): Promise<CqlView> {
  const now = options.now ?? (() => new Date());
  try {
    const hosts = await withCqlSession(options, (client) => askEveryHost(client, options.perHostTimeoutInMs ?? 5_000));
    return { observedAt: now().toISOString(), reachable: true, hosts };
  } catch (error) {
    const reason = isAuthenticationError(error) ? 'the cluster refused the product\'s CQL login' : (error as Error).message;
    return { observedAt: now().toISOString(), reachable: false, error: reason, hosts: [] };
  }
}

async function askEveryHost(client: cassandra.Client, timeoutInMs: number): Promise<CqlHost[]> {
  const hosts = client.hosts.values();
  return Promise.all(hosts.map(async (host) => {
    const base: CqlHost = {
      address: host.address.replace(/:\d+$/, ''), datacenter: host.datacenter, rack: host.rack, up: false,
      hostId: host.hostId?.toString(),
    };
    try {
      const rs = await client.execute('SELECT schema_version FROM system.local', [], { host, isIdempotent: true, readTimeout: timeoutInMs, prepare: false });
      const version = rs.first()?.get('schema_version') as { toString(): string } | undefined;
      return { ...base, up: true, schemaVersion: version?.toString() };
    } catch {
      return base;
    }
  }));
}
