import type cassandra from 'cassandra-driver';
import { withCqlSession, isAuthenticationError, type OpenCqlSessionOptions } from './cql-session.js';
import type { CqlHost, CqlView, NodeStats } from '../../domain/health/health-views.js';
import { NODE_STATS_QUERIES, parseNodeStats, type VirtualTableRows } from '../../domain/health/parse-node-stats.js';

export interface ReadCqlViewOptions extends OpenCqlSessionOptions {
  /** How long one host may take to answer a query pinned to it before it counts as down. */
  perHostTimeoutInMs?: number;
  /** The clock, injected so the view carries the time it was taken. */
  now?: () => Date;
}

interface GossipEntry { status?: string; rpcReady?: boolean }

/**
 * Cassandra's view through the real driver: every host the cluster's metadata lists (system.local
 * and system.peers via the control connection); each host asked for its own `schema_version` and
 * its own `system_views` counters (thread_pools, sstable_tasks, internode_inbound, pending_hints)
 * with every query pinned to it (virtual tables are node-local), and the ring's gossip state read
 * once from whichever host answers `system_views.gossip_info`. A host counts as up only if it
 * answers: the driver's own up flag lags a killed process by the time its pool notices. Never
 * throws: a cluster no contact point answers for (or a refused login) is `reachable: false` with
 * the reason, without secrets.
 */
export async function readCqlView(options: ReadCqlViewOptions): Promise<CqlView> {
  const now = options.now ?? (() => new Date());
  try {
    const hosts = await withCqlSession({ ...options, everyHost: true }, (client) => askEveryHost(client, options.perHostTimeoutInMs ?? 5_000));
    return { observedAt: now().toISOString(), reachable: true, hosts };
  } catch (error) {
    const reason = isAuthenticationError(error) ? 'the cluster refused the product\'s CQL login' : (error as Error).message;
    return { observedAt: now().toISOString(), reachable: false, error: reason, hosts: [] };
  }
}

async function askEveryHost(client: cassandra.Client, timeoutInMs: number): Promise<CqlHost[]> {
  const options = { isIdempotent: true, readTimeout: timeoutInMs, prepare: false };
  const gossip = await readGossip(client, options);
  return Promise.all(client.hosts.values().map(async (host) => {
    const address = host.address.replace(/:\d+$/, '');
    const base: CqlHost = { address, datacenter: host.datacenter, rack: host.rack, up: false, hostId: host.hostId?.toString(),
      gossipStatus: gossip.get(address)?.status, rpcReady: gossip.get(address)?.rpcReady };
    try {
      const rs = await client.execute('SELECT schema_version FROM system.local', [], { ...options, host });
      const version = rs.first()?.get('schema_version') as { toString(): string } | undefined;
      return { ...base, up: true, schemaVersion: version?.toString(), stats: await readStats(client, { ...options, host }) };
    } catch {
      return base;
    }
  }));
}

/** The host's own counters; undefined when any table does not answer (the evaluation keeps the last ones). */
async function readStats(client: cassandra.Client, options: cassandra.QueryOptions): Promise<NodeStats | undefined> {
  try {
    const entries = await Promise.all(Object.entries(NODE_STATS_QUERIES).map(async ([table, cql]) =>
      [table, (await client.execute(cql, [], options)).rows.map((row) => ({ ...row }))] as const));
    return parseNodeStats(Object.fromEntries(entries) as unknown as VirtualTableRows);
  } catch {
    return undefined;
  }
}

/** Gossip STATUS and RPC_READY of every endpoint, as one host sees them: one query per check, not per node. */
async function readGossip(client: cassandra.Client, options: cassandra.QueryOptions): Promise<Map<string, GossipEntry>> {
  try {
    const rs = await client.execute('SELECT address, status, rpc_ready FROM system_views.gossip_info', [], options);
    return new Map(rs.rows.map((row) => [String(row.get('address')), {
      status: (row.get('status') as string | null)?.split(',')[0],
      rpcReady: row.get('rpc_ready') === null ? undefined : row.get('rpc_ready') === 'true',
    }]));
  } catch {
    return new Map();
  }
}
