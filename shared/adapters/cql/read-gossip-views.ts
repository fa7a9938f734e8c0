import type cassandra from 'cassandra-driver';
import type { GossipEntry, GossipView } from '../../domain/restart/decide-node-restarted.js';
import { onEachHost } from './on-each-host.js';

/**
 * Each observer's own gossip state (`system_views.gossip_info`, a query pinned to that host), so
 * what is read is what that node believes, not what the driver does. An observer that does not
 * answer is `reachable: false`; never throws for one.
 */
export function readGossipViews(client: cassandra.Client, observers: readonly string[], timeoutInMs: number): Promise<GossipView[]> {
  return onEachHost(client, observers, timeoutInMs, async (options, observer): Promise<GossipView> => {
    const result = await client.execute('SELECT address, generation, status_with_port, rpc_ready, release_version FROM system_views.gossip_info', [], options);
    return { observer, reachable: true, entries: result.rows.map(toEntry) };
  }, (observer, error) => ({ observer, reachable: false, entries: [], error }));
}

function toEntry(row: cassandra.types.Row): GossipEntry {
  const status = String(row.get('status_with_port') ?? '');
  return { address: String(row.get('address')), generation: Number(row.get('generation') ?? 0),
    status: status.split(',')[0] ?? '', rpcReady: String(row.get('rpc_ready') ?? '') === 'true',
    releaseVersion: String(row.get('release_version') ?? '') };
}
