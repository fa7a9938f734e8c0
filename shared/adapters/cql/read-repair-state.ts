import type cassandra from 'cassandra-driver';
import { onEachHost } from './on-each-host.js';
import type { KeyspaceInfo, NodeRepairActivity, RepairCommandRow, RingNode, RingView, TableInfo } from '../../domain/repair/repair-model.js';

/** Keyspaces whose data is node-local or virtual: nothing to repair. */
const LOCAL_KEYSPACES = new Set(['system', 'system_schema', 'system_views', 'system_virtual_schema']);

const READ = { isIdempotent: true, prepare: false } as const;

/**
 * The ring as one host sees it: every node's tokens from its `system.local` and
 * `system.peers_v2`, replication from `system_schema.keyspaces`, and each table's
 * `gc_grace_seconds`. LocalStrategy and virtual keyspaces are left out.
 */
export async function readRing(client: cassandra.Client): Promise<RingView> {
  // system.local and system.peers_v2 must come from one host: together they are that host's view
  // of every node (from two hosts, one node would be missing and another counted twice).
  const host = client.hosts.values().find((h) => h.isUp());
  const pinned = { ...READ, ...(host ? { host } : {}) };
  const [local, peers, keyspaces, tables] = await Promise.all([
    client.execute('SELECT broadcast_address, host_id, data_center, rack, tokens FROM system.local', [], pinned),
    client.execute('SELECT peer, host_id, data_center, rack, tokens FROM system.peers_v2', [], pinned),
    client.execute('SELECT keyspace_name, replication FROM system_schema.keyspaces', [], READ),
    client.execute('SELECT keyspace_name, table_name, gc_grace_seconds FROM system_schema.tables', [], READ),
  ]);
  const node = (address: unknown, row: cassandra.types.Row): RingNode => ({ address: String(address), hostId: String(row.get('host_id')),
    dc: String(row.get('data_center')), rack: String(row.get('rack')),
    tokens: [...((row.get('tokens') as Iterable<string> | null) ?? [])].map(String) });
  const nodes = [...local.rows.map((r) => node(r.get('broadcast_address'), r)), ...peers.rows.map((r) => node(r.get('peer'), r))];
  const byKeyspace = new Map<string, TableInfo[]>();
  for (const row of tables.rows) {
    const keyspace = String(row.get('keyspace_name'));
    const list = byKeyspace.get(keyspace) ?? [];
    list.push({ keyspace, table: String(row.get('table_name')), gcGraceSeconds: Number(row.get('gc_grace_seconds')) });
    byKeyspace.set(keyspace, list);
  }
  const repairable: KeyspaceInfo[] = [];
  for (const row of keyspaces.rows) {
    const name = String(row.get('keyspace_name'));
    const replication = replicationOf(row.get('replication') as Record<string, string>);
    if (LOCAL_KEYSPACES.has(name) || !replication) continue;
    repairable.push({ name, replication, tables: byKeyspace.get(name) ?? [] });
  }
  return { nodes, keyspaces: repairable };
}

/** NetworkTopologyStrategy's per-DC factors, SimpleStrategy's as `{ '*': rf }`; undefined for any other strategy. */
function replicationOf(options: Record<string, string>): Record<string, number> | undefined {
  const strategy = options.class ?? '';
  if (strategy.endsWith('SimpleStrategy')) return { '*': Number.parseInt(options.replication_factor ?? '0', 10) };
  if (!strategy.endsWith('NetworkTopologyStrategy')) return undefined;
  return Object.fromEntries(Object.entries(options).filter(([k]) => k !== 'class').map(([dc, rf]) => [dc, Number.parseInt(rf, 10)]));
}

/** Each host's repair commands and compaction backlog, asked of the host itself (virtual tables are node-local). */
export async function readRepairActivity(client: cassandra.Client, addresses: readonly string[], timeoutInMs: number): Promise<NodeRepairActivity[]> {
  return onEachHost(client, addresses, timeoutInMs, async (options, address): Promise<NodeRepairActivity> => {
    const [repairs, pools] = await Promise.all([
      client.execute('SELECT id, keyspace_name, options_ranges, options_column_families, completed, status, failure_cause, duration_millis, '
        + 'state_init_timestamp FROM system_views.repairs', [], options),
      client.execute('SELECT pending_tasks FROM system_views.thread_pools WHERE name = \'CompactionExecutor\'', [], options),
    ]);
    return { address, reachable: true, repairs: repairs.rows.map(toCommandRow), pendingCompactions: Number(pools.first()?.get('pending_tasks') ?? 0) };
  }, (address, error) => ({ address, reachable: false, repairs: [], pendingCompactions: 0, error }));
}

function toCommandRow(row: cassandra.types.Row): RepairCommandRow {
  const failure = row.get('failure_cause') as string | null;
  const duration = row.get('duration_millis') as { toString(): string } | null;
  const started = row.get('state_init_timestamp') as Date | null;
  return {
    id: String(row.get('id')), keyspace: String(row.get('keyspace_name')),
    ranges: [...((row.get('options_ranges') as Iterable<string> | null) ?? [])],
    tables: [...((row.get('options_column_families') as Iterable<string> | null) ?? [])].sort(),
    completed: row.get('completed') === true, status: String(row.get('status') ?? ''),
    ...(failure ? { failureCause: failure } : {}), ...(duration !== null ? { durationMs: Number(duration.toString()) } : {}),
    startedAt: (started ?? new Date(0)).toISOString(),
  };
}
