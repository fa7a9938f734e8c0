import type { RingNode } from './repair-model.js';
import { parseToken } from './token-range.js';

/** A vnode range (start, end] of the ring and the replicas a keyspace keeps it on. */
export interface ReplicatedRange {
  start: bigint;
  end: bigint;
  /** Addresses, sorted. */
  replicas: string[];
}

interface RingToken {
  token: bigint;
  node: RingNode;
}

/** The ring's tokens in order, each with its node; nodes without tokens are not in the ring. */
export function sortRing(nodes: readonly RingNode[]): RingToken[] {
  const ring = nodes.flatMap((node) => node.tokens.map((token) => ({ token: parseToken(token), node })));
  return ring.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
}

/**
 * Every vnode range of the ring with its replicas under `replication`, as Cassandra places them.
 * A range ends at each token and starts at the previous one over the whole ring (every DC), the
 * first wrapping round from the last. `{ '*': rf }` is SimpleStrategy: the first rf distinct
 * nodes clockwise from the range's end. Otherwise NetworkTopologyStrategy: per DC, the nodes
 * clockwise from the end, the first of each rack not yet used, then (a DC with fewer racks than
 * rf) the skipped nodes in ring order; rf is capped at the DC's node count, DCs not in the ring
 * are ignored. Returns no ranges when the ring is empty.
 */
export function ringRanges(ring: readonly RingToken[], replication: Record<string, number>): ReplicatedRange[] {
  const place = replication['*'] === undefined ? networkTopologyPlacer(ring, replication) : simplePlacer(ring, replication['*']);
  return ring.map((t, i) => ({
    start: ring[(i - 1 + ring.length) % ring.length]!.token,
    end: t.token,
    replicas: place(i).sort(),
  }));
}

function simplePlacer(ring: readonly RingToken[], rf: number): (from: number) => string[] {
  return (from) => {
    const replicas = new Set<string>();
    for (let step = 0; step < ring.length && replicas.size < rf; step++) replicas.add(ring[(from + step) % ring.length]!.node.address);
    return [...replicas];
  };
}

function networkTopologyPlacer(ring: readonly RingToken[], replication: Record<string, number>): (from: number) => string[] {
  const dcs = [...new Set(ring.map((t) => t.node.dc))].filter((dc) => (replication[dc] ?? 0) > 0).map((dc) => dcRing(ring, dc, replication[dc]!));
  return (from) => dcs.flatMap((dc) => dc.replicasFrom(dc.firstAtOrAfter[from]!));
}

/** One DC's own tokens, and for each ring position the index of the DC's first token at or after it. */
function dcRing(ring: readonly RingToken[], dc: string, rf: number) {
  const own = ring.filter((t) => t.node.dc === dc);
  const nodes = new Set(own.map((t) => t.node.address)).size;
  const rackCount = new Set(own.map((t) => t.node.rack)).size;
  const replicaCount = Math.min(rf, nodes);
  const firstAtOrAfter = new Array<number>(ring.length);
  let next = 0; // the DC's first token, reached by wrapping past the end
  for (let i = ring.length - 1, k = own.length - 1; i >= 0; i--) {
    if (k >= 0 && own[k] === ring[i]) next = k--;
    firstAtOrAfter[i] = next;
  }
  // Cassandra's DatacenterEndpoints: a node of a rack already used is taken only while the
  // repeats so far are fewer than rf - racks, which yields the "skipped nodes fill up" set.
  const replicasFrom = (k: number): string[] => {
    const replicas: string[] = [];
    const racks = new Set<string>();
    let repeatsLeft = rf - rackCount;
    for (let step = 0; step < own.length && replicas.length < replicaCount; step++) {
      const { address, rack } = own[(k + step) % own.length]!.node;
      if (replicas.includes(address)) continue;
      if (!racks.has(rack)) racks.add(rack);
      else if (repeatsLeft-- <= 0) continue;
      replicas.push(address);
    }
    return replicas;
  };
  return { firstAtOrAfter, replicasFrom };
}
