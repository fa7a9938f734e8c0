/** A token on the ring and the node, DC and rack that hold it. */
export interface RingToken {
  token: bigint;
  node: string;
  dc: string;
  rack: string;
}

const RING = 2n ** 64n;

/**
 * Each node's effective ownership (the share of the ring it holds a replica of, as `nodetool
 * status <keyspace>` reports it) under NetworkTopologyStrategy with `rf` replicas per DC, walked
 * over the whole ring as Cassandra walks it: for the range ending at each token, every DC takes
 * the first node of each rack it has not used yet, then (fewer racks than rf) the skipped nodes in
 * ring order. Test-only model of NetworkTopologyStrategy.calculateNaturalReplicas.
 */
export function effectiveOwnership(tokens: readonly RingToken[], rf: number): Map<string, number> {
  const ring = [...tokens].sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
  const owned = new Map<string, bigint>(ring.map((t) => [t.node, 0n]));
  const dcs = new Map<string, { nodes: Set<string>; racks: Set<string> }>();
  for (const t of ring) {
    const dc = dcs.get(t.dc) ?? { nodes: new Set(), racks: new Set() };
    dcs.set(t.dc, dc);
    dc.nodes.add(t.node);
    dc.racks.add(t.rack);
  }
  ring.forEach((end, i) => {
    const length = (end.token - ring[(i - 1 + ring.length) % ring.length]!.token + RING) % RING || RING;
    for (const [dc, { nodes, racks }] of dcs) {
      for (const node of replicasIn(ring, i, dc, Math.min(rf, nodes.size), racks.size)) owned.set(node, owned.get(node)! + length);
    }
  });
  return new Map([...owned].map(([node, share]) => [node, Number(share) / Number(RING)]));
}

function replicasIn(ring: readonly RingToken[], from: number, dc: string, rf: number, dcRacks: number): string[] {
  const replicas: string[] = [];
  const skipped: string[] = [];
  const racks = new Set<string>();
  const done = () => replicas.length >= rf || (racks.size === dcRacks && replicas.length + skipped.length >= rf);
  for (let step = 0; step < ring.length && !done(); step++) {
    const t = ring[(from + step) % ring.length]!;
    if (t.dc !== dc || replicas.includes(t.node) || skipped.includes(t.node)) continue;
    if (racks.has(t.rack)) skipped.push(t.node);
    else {
      racks.add(t.rack);
      replicas.push(t.node);
    }
  }
  return [...replicas, ...skipped].slice(0, rf);
}
