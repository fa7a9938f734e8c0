import type cassandra from 'cassandra-driver';
import type { GossipEntry, GossipView } from '../../domain/restart/decide-node-restarted.js';

const READ = { prepare: false, isIdempotent: true } as const;

/**
 * Each observer's own gossip state (`system_views.gossip_info`, a query pinned to that host), so
 * what is read is what that node believes, not what the driver does. An observer that does not
 * answer is `reachable: false`; never throws for one.
 */
export async function readGossipViews(client: cassandra.Client, observers: readonly string[], timeoutInMs: number): Promise<GossipView[]> {
  const hosts = new Map(client.hosts.values().map((h) => [h.address.replace(/:\d+$/, ''), h]));
  return Promise.all(observers.map(async (observer): Promise<GossipView> => {
    const host = hosts.get(observer);
    if (!host) return { observer, reachable: false, entries: [], error: 'not in the cluster\'s metadata' };
    try {
      const result = await client.execute('SELECT address, generation, status_with_port, rpc_ready FROM system_views.gossip_info', [],
        { ...READ, host, readTimeout: timeoutInMs });
      return { observer, reachable: true, entries: result.rows.map(toEntry) };
    } catch (error) {
      return { observer, reachable: false, entries: [], error: (error as Error).message };
    }
  }));
}

function toEntry(row: cassandra.types.Row): GossipEntry {
  const status = String(row.get('status_with_port') ?? '');
  return { address: String(row.get('address')), generation: Number(row.get('generation') ?? 0),
    status: status.split(',')[0] ?? '', rpcReady: String(row.get('rpc_ready') ?? '') === 'true' };
}
