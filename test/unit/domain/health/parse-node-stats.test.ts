import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NODE_STATS_QUERIES, parseNodeStats, type VirtualTableRows } from '../../../../shared/domain/health/parse-node-stats.js';
import { INTERNODE_INBOUND_COLUMNS, REAL_THREAD_POOLS, RECORDED_COLUMNS } from './virtual-table-fixtures.js';

const empty: VirtualTableRows = { threadPools: [], sstableTasks: [], internodeInbound: [], pendingHints: [] };
const columnsOf = (table: keyof typeof RECORDED_COLUMNS) => RECORDED_COLUMNS[table].map((c) => c.split(':')[0]!);

test('every column the queries select exists on 5.0.9 as recorded', () => {
  const known: Record<string, readonly string[]> = {
    thread_pools: columnsOf('thread_pools'), sstable_tasks: columnsOf('sstable_tasks'),
    pending_hints: columnsOf('pending_hints'), internode_inbound: INTERNODE_INBOUND_COLUMNS,
  };
  for (const cql of Object.values(NODE_STATS_QUERIES)) {
    const [, columns, table] = /^SELECT (.+) FROM system_views\.(\w+)$/.exec(cql)!;
    for (const column of columns!.split(', ')) assert.ok(known[table!]?.includes(column), `${table}.${column}`);
  }
});

test('an idle real node: every counter zero', () => {
  assert.deepEqual(parseNodeStats({ ...empty, threadPools: REAL_THREAD_POOLS }),
    { pendingCompactions: 0, runningSstableTasks: 0, droppedMessages: 0, blockedTasks: 0, hintFiles: 0 });
});

const cases: { name: string; rows: Partial<VirtualTableRows>; expect: Record<string, unknown> }[] = [
  { name: 'compaction backlog is the CompactionExecutor pool\'s pending tasks', expect: { pendingCompactions: 140, runningSstableTasks: 2 },
    rows: { threadPools: REAL_THREAD_POOLS.map((r) => (r.name === 'CompactionExecutor' ? { ...r, pending_tasks: 140 } : r)),
      sstableTasks: [{ kind: 'compaction' }, { kind: 'cleanup' }] } },
  { name: 'dropped messages sum expired_count over every inbound connection (Long as text)',
    rows: { internodeInbound: [{ expired_count: '3' }, { expired_count: { toString: () => '4' } }, { expired_count: null }] }, expect: { droppedMessages: 7 } },
  { name: 'blocked tasks sum over pools', rows: { threadPools: [{ name: 'MutationStage', blocked_tasks_all_time: '5' }] }, expect: { blockedTasks: 5 } },
  { name: 'hints: files summed, the oldest kept', expect: { hintFiles: 5, oldestHintAt: '2026-01-01T00:00:00.000Z' },
    rows: { pendingHints: [{ files: 2, oldest: new Date('2026-01-01T01:00:00Z') }, { files: 3, oldest: new Date('2026-01-01T00:00:00Z') }] } },
];

for (const c of cases) {
  test(`node stats: ${c.name}`, () => {
    const stats = parseNodeStats({ ...empty, ...c.rows }) as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(c.expect)) assert.deepEqual(stats[key], value, key);
  });
}
