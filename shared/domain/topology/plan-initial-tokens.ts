import type { ClusterPlan, NodePlan } from './cluster-plan.js';

const RING = 2n ** 64n;
const MIN_TOKEN = -(2n ** 63n);

/** What the token plan of one DC depends on; nothing else, so it never changes once the DC booted. */
export interface InitialTokenShape {
  /** The DC's position in the plan: separates DCs whose grids would otherwise coincide. */
  dcIndex: number;
  /** How many racks the DC has; node ordinal k sits on rack k mod racks. */
  racks: number;
  /** How many nodes the DC had at its first boot (ordinals 0 … count-1). */
  initialNodes: number;
  numTokens: number;
}

/**
 * Murmur3 tokens (decimal strings: JSON has no 64-bit integers) for every initial node of one DC,
 * indexed by ordinal. Each rack's tokens are evenly spaced around the ring and dealt round-robin
 * to the rack's nodes, and rack r's grid is shifted by r/racks of its spacing. So when racks hold
 * equal node counts the DC's tokens interleave node by node, rack by rack (every node owns the
 * same share under NetworkTopologyStrategy with RF = racks, or with one rack), and when they do
 * not, each node still owns exactly its rack's share divided by the rack's node count (with
 * RF = racks every rack holds one replica of every range, so a node's share depends only on its
 * own rack's spacing). The `dcIndex * racks + rack` offset keeps coinciding grid points of two
 * racks or DCs distinct: distinct grid points are at least 2^64 / (nodes · tokens · racks)²
 * apart, far more than the offset. Pure and deterministic.
 */
export function planInitialTokens(shape: InitialTokenShape): string[][] {
  const { dcIndex, racks, initialNodes, numTokens } = shape;
  const tokens: string[][] = Array.from({ length: initialNodes }, () => []);
  for (let rack = 0; rack < racks; rack++) {
    const members = Array.from({ length: initialNodes }, (_, k) => k).filter((k) => k % racks === rack);
    const slots = BigInt(members.length * numTokens * racks);
    const offset = BigInt(dcIndex * racks + rack);
    for (let j = 0; j < members.length * numTokens; j++) {
      const position = (BigInt(j * racks + rack) * RING) / slots;
      tokens[members[j % members.length]!]!.push((MIN_TOKEN + position + offset).toString());
    }
  }
  return tokens;
}

/**
 * The initial_token list of a node that boots with the cluster (`node.initial`), or undefined for
 * a node added later, which bootstraps and lets Cassandra allocate its tokens.
 */
export function planNodeTokens(plan: ClusterPlan, node: NodePlan): string[] | undefined {
  const dcIndex = plan.datacenters.findIndex((dc) => dc.name === node.dc);
  const dc = plan.datacenters[dcIndex];
  if (!node.initial || !dc) return undefined;
  const shape = { dcIndex, racks: dc.racks.length, initialNodes: dc.initialNodes, numTokens: plan.numTokens };
  return planInitialTokens(shape)[node.ordinal];
}
