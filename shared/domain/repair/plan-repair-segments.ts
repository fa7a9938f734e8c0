import type { KeyspaceInfo, RepairSegment, RepairSettings, RingView } from './repair-model.js';
import { ringRanges, sortRing, type ReplicatedRange } from './ring-ranges.js';
import { RING_SIZE, tokenAfter, tokenRangeWidth } from './token-range.js';

/** What a run was asked to repair: keyspace names and `keyspace.table` names; absent: everything. */
export interface RepairRequest {
  keyspaces?: string[];
  tables?: string[];
}

/**
 * The segments a run repairs, keyspace by keyspace (by name) in ring order. Each vnode range is
 * cut into pieces of near-equal token width so that a keyspace gets about `segmentsPerNode`
 * times the number of nodes holding it, at least one piece per range; its pieces tile the ring
 * exactly once. Ids are `${keyspace}:${index}`, the same for the same view and request.
 * A keyspace named in `request.tables` repairs only those tables, the others every table.
 * Keyspaces whose ranges have fewer than two replicas are left out: with one copy there is
 * nothing to compare (this also drops keyspaces replicated to no DC of the ring).
 * Throws a RangeError naming an unknown keyspace or table, or a table outside the keyspaces asked.
 */
export function planRepairSegments(view: RingView, request: RepairRequest, settings: RepairSettings): RepairSegment[] {
  const keyspaces = selectKeyspaces(view.keyspaces, request);
  const ring = sortRing(view.nodes);
  const nodesPerDc = new Map<string, number>();
  for (const node of view.nodes) if (node.tokens.length > 0) nodesPerDc.set(node.dc, (nodesPerDc.get(node.dc) ?? 0) + 1);
  // Keyspaces often share one replication; their replicas are placed once.
  const placed = new Map<string, ReplicatedRange[]>();
  const segments: RepairSegment[] = [];
  for (const { keyspace, tables } of keyspaces) {
    const holders = nodesHolding(nodesPerDc, keyspace.replication);
    if (holders === 0) continue;
    const placementKey = JSON.stringify(Object.entries(keyspace.replication).sort());
    const ranges = placed.get(placementKey) ?? ringRanges(ring, keyspace.replication);
    placed.set(placementKey, ranges);
    const perToken = (settings.segmentsPerNode * holders) / Number(RING_SIZE);
    let index = 0;
    for (const range of ranges) {
      const width = tokenRangeWidth(range.start, range.end);
      const pieces = BigInt(Math.max(1, Math.round(Number(width) * perToken)));
      const count = pieces < width ? pieces : width;
      const replicaSetKey = range.replicas.join(',');
      for (let j = 0n; j < count; j++) {
        segments.push({
          id: `${keyspace.name}:${index++}`, keyspace: keyspace.name, tables,
          start: tokenAfter(range.start, (width * j) / count).toString(),
          end: tokenAfter(range.start, (width * (j + 1n)) / count).toString(),
          replicas: range.replicas, replicaSetKey,
        });
      }
    }
  }
  return segments;
}

/**
 * How many nodes of the ring hold replicas of a keyspace (every node for SimpleStrategy); 0 when
 * a range has fewer than two replicas in all (rf capped by each DC's node count).
 */
function nodesHolding(nodesPerDc: ReadonlyMap<string, number>, replication: Record<string, number>): number {
  const dcs = [...nodesPerDc];
  const all = dcs.reduce((sum, [, n]) => sum + n, 0);
  if (replication['*'] !== undefined) return Math.min(replication['*'], all) >= 2 ? all : 0;
  const replicas = dcs.reduce((sum, [dc, n]) => sum + Math.min(replication[dc] ?? 0, n), 0);
  return replicas >= 2 ? dcs.reduce((sum, [dc, n]) => sum + ((replication[dc] ?? 0) > 0 ? n : 0), 0) : 0;
}

interface SelectedKeyspace {
  keyspace: KeyspaceInfo;
  tables: string[];
}

function selectKeyspaces(all: readonly KeyspaceInfo[], request: RepairRequest): SelectedKeyspace[] {
  const byName = new Map(all.map((k) => [k.name, k]));
  for (const name of request.keyspaces ?? []) {
    if (!byName.has(name)) throw new RangeError(`unknown keyspace "${name}"`);
  }
  const tablesOf = new Map<string, string[]>();
  for (const qualified of request.tables ?? []) {
    const dot = qualified.indexOf('.');
    const [name, table] = dot < 0 ? [qualified, ''] : [qualified.slice(0, dot), qualified.slice(dot + 1)];
    const keyspace = byName.get(name);
    if (!keyspace) throw new RangeError(`unknown keyspace "${name}" in table "${qualified}"`);
    if (!keyspace.tables.some((t) => t.table === table)) throw new RangeError(`unknown table "${qualified}"`);
    if (request.keyspaces && !request.keyspaces.includes(name)) {
      throw new RangeError(`table "${qualified}" is outside the keyspaces asked for (${request.keyspaces.join(', ')})`);
    }
    tablesOf.set(name, [...new Set([...(tablesOf.get(name) ?? []), table])].sort());
  }
  const names = request.keyspaces ? [...new Set(request.keyspaces)] : [...byName.keys()];
  return names.sort().map((name) => ({ keyspace: byName.get(name)!, tables: tablesOf.get(name) ?? [] }));
}
