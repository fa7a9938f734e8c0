import type { NodeStats } from './health-views.js';

/** A row as the driver returns it: bigint columns may arrive as Long (anything with toString) or text. */
export type VirtualTableRow = Record<string, unknown>;

/** The `system_views` rows one host returned, one array per table (all read pinned to that host). */
export interface VirtualTableRows {
  threadPools: VirtualTableRow[];
  sstableTasks: VirtualTableRow[];
  internodeInbound: VirtualTableRow[];
  pendingHints: VirtualTableRow[];
}

/** The virtual tables parseNodeStats reads, with the columns it uses (verified on a 5.0.9 node). */
export const NODE_STATS_QUERIES = {
  threadPools: 'SELECT name, pending_tasks, blocked_tasks_all_time FROM system_views.thread_pools',
  sstableTasks: 'SELECT kind FROM system_views.sstable_tasks',
  internodeInbound: 'SELECT expired_count FROM system_views.internode_inbound',
  pendingHints: 'SELECT files, oldest FROM system_views.pending_hints',
} as const satisfies Record<keyof VirtualTableRows, string>;

/**
 * Reduces one host's virtual-table rows to the counters health judges. Linear in the rows, which
 * are bounded per host (about 20 pools, one inbound row per peer connection, one hint row per peer
 * with hints). Missing or unreadable numbers count as 0: a table Cassandra left empty is not trouble.
 */
export function parseNodeStats(rows: VirtualTableRows): NodeStats {
  const compaction = rows.threadPools.find((r) => r.name === 'CompactionExecutor');
  let oldest: number | undefined;
  for (const hint of rows.pendingHints) {
    const at = toTime(hint.oldest);
    if (at !== undefined && (oldest === undefined || at < oldest)) oldest = at;
  }
  return {
    pendingCompactions: toNumber(compaction?.pending_tasks),
    runningSstableTasks: rows.sstableTasks.length,
    droppedMessages: sum(rows.internodeInbound, 'expired_count'),
    blockedTasks: sum(rows.threadPools, 'blocked_tasks_all_time'),
    hintFiles: sum(rows.pendingHints, 'files'),
    ...(oldest === undefined ? {} : { oldestHintAt: new Date(oldest).toISOString() }),
  };
}

function sum(rows: VirtualTableRow[], column: string): number {
  let total = 0;
  for (const row of rows) total += toNumber(row[column]);
  return total;
}

function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = Number(typeof value === 'number' ? value : String(value));
  return Number.isFinite(n) ? n : 0;
}

function toTime(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}
