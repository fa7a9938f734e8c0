// Rings, settings and records the repair tests start from.
import fc from 'fast-check';
import type { RepairSegment, RepairSettings, RingNode, RingView, SegmentRecord } from '../../../../shared/domain/repair/repair-model.js';

export const SETTINGS: RepairSettings = {
  mode: 'full', segmentsPerNode: 4, intensity: 1, segmentTimeoutMinutes: 30, minSegmentTokens: String(2 ** 20),
  maxAttempts: 3, pendingCompactionsThreshold: 20, nodeDownLimitMinutes: 60, batchSize: 8,
};

export const RING = 2n ** 64n;

/** A node with the given tokens. */
export function node(address: string, dc: string, rack: string, ...tokens: (number | string)[]): RingNode {
  return { address, dc, rack, tokens: tokens.map(String) };
}

/** A view with one keyspace `app` of tables `a` and `b`. */
export function viewOf(nodes: RingNode[], replication: Record<string, number>): RingView {
  return { nodes, keyspaces: [{ name: 'app', replication, tables: [table('app', 'a'), table('app', 'b')] }] };
}

export function table(keyspace: string, name: string) {
  return { keyspace, table: name, gcGraceSeconds: 864000 };
}

/** A pending record of a segment. */
export function pending(segment: RepairSegment, extra: Partial<SegmentRecord> = {}): SegmentRecord {
  return { ...segment, status: 'pending', attempts: 0, ...extra };
}

/** A segment over the given replicas; its range only needs to be a valid one. */
export function segmentOn(id: string, replicas: string[], start = '0', end = '1000000000'): RepairSegment {
  const sorted = [...replicas].sort();
  return { id, keyspace: 'app', tables: [], start, end, replicas: sorted, replicaSetKey: sorted.join(',') };
}

/** Width of (start, end] in tokens, 2^64 for start = end. */
export function widthOf(segment: { start: string; end: string }): bigint {
  return ((BigInt(segment.end) - BigInt(segment.start) + RING - 1n) % RING) + 1n;
}

/**
 * Asserts-free check that ranges tile the ring exactly once: widths sum to 2^64 and, sorted by
 * start, each range starts where the previous one ends (the last wrapping to the first).
 */
export function tilesRing(ranges: readonly { start: string; end: string }[]): boolean {
  const total = ranges.reduce((sum, r) => sum + widthOf(r), 0n);
  const sorted = [...ranges].sort((a, b) => (BigInt(a.start) < BigInt(b.start) ? -1 : 1));
  return total === RING && sorted.every((r, i) => r.end === sorted[(i + 1) % sorted.length]!.start);
}

/** Murmur3 tokens as decimal strings. */
export const tokenArb = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);

/** A random ring: 1–3 DCs of 1–7 nodes on 1–3 racks, 1–4 distinct tokens a node. */
export const ringArb = fc.record({
  dcs: fc.array(fc.record({ nodes: fc.integer({ min: 1, max: 7 }), racks: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
  numTokens: fc.integer({ min: 1, max: 4 }),
}).chain(({ dcs, numTokens }) => {
  const count = dcs.reduce((sum, dc) => sum + dc.nodes, 0) * numTokens;
  return fc.uniqueArray(tokenArb, { minLength: count, maxLength: count }).map((tokens) => {
    let next = 0;
    return dcs.flatMap((dc, d) => Array.from({ length: dc.nodes }, (_, k) =>
      node(`10.${d}.0.${k}`, `dc${d}`, `r${k % dc.racks}`, ...tokens.slice((next += numTokens) - numTokens, next))));
  });
});
