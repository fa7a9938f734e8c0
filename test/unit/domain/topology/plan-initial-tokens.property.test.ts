import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { planInitialTokens } from '../../../../shared/domain/topology/plan-initial-tokens.js';
import { effectiveOwnership, type RingToken } from '../../../support/effective-ownership.js';

// Ownership definition: with RF 3 on 3 racks NetworkTopologyStrategy puts one replica of every
// range on each rack, so a rack owns the whole ring whatever its node count, and when the node
// count is not a multiple of 3 a node on a smaller rack must own more than one on a larger rack.
// "Balanced" therefore means: every node's effective ownership is within 5 % of the mean of the
// nodes of its rack (the DC's mean when the racks are equal), and racks differ by at most one node.
const RACKS = 3;
const RF = 3;

interface Shape { nodesPerDc: number[]; numTokens: number }

function ringOf(shape: Shape): RingToken[] {
  return shape.nodesPerDc.flatMap((initialNodes, dcIndex) =>
    planInitialTokens({ dcIndex, racks: RACKS, initialNodes, numTokens: shape.numTokens }).flatMap((tokens, k) =>
      tokens.map((token) => ({ token: BigInt(token), node: `dc${dcIndex}-${k}`, dc: `dc${dcIndex}`, rack: `r${k % RACKS}` }))));
}

function assertBalanced(shape: Shape): void {
  const ring = ringOf(shape);
  assert.equal(new Set(ring.map((t) => t.token)).size, ring.length, 'no two tokens are the same');
  assert.ok(ring.every((t) => t.token >= -(2n ** 63n) && t.token < 2n ** 63n), 'every token is a Murmur3 long');
  const owned = effectiveOwnership(ring, RF);
  shape.nodesPerDc.forEach((nodes, d) => {
    const rackSizes = Array.from({ length: RACKS }, (_, r) => Array.from({ length: nodes }, (_, k) => k).filter((k) => k % RACKS === r).length);
    assert.ok(Math.max(...rackSizes) - Math.min(...rackSizes) <= 1, `dc${d}: racks as balanced as ${nodes} nodes allow`);
    for (let r = 0; r < RACKS; r++) {
      const shares = Array.from({ length: nodes }, (_, k) => k).filter((k) => k % RACKS === r).map((k) => owned.get(`dc${d}-${k}`)!);
      const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
      assert.ok(Math.abs(mean * shares.length - 1) < 1e-9, `dc${d} rack r${r} holds one replica of everything (${mean * shares.length})`);
      for (const share of shares) assert.ok(Math.abs(share - mean) <= 0.05 * mean, `dc${d} r${r}: ${share} vs rack mean ${mean}`);
    }
  });
}

describe('planInitialTokens', () => {
  it('gives each node num_tokens distinct tokens, the same ones every time', () => {
    const shape = { dcIndex: 1, racks: 3, initialNodes: 7, numTokens: 16 };
    const tokens = planInitialTokens(shape);
    assert.equal(tokens.length, 7);
    assert.ok(tokens.every((t) => t.length === 16 && new Set(t).size === 16));
    assert.deepEqual(planInitialTokens(shape), tokens);
  });

  it('interleaves equal racks node by node, evenly spaced (ccm\'s balanced tokens for one token a node)', () => {
    assert.deepEqual(planInitialTokens({ dcIndex: 0, racks: 3, initialNodes: 3, numTokens: 1 }).map((t) => t[0]),
      ['-9223372036854775808', '-3074457345618258602', '3074457345618258604']);
  });

  it('balances effective ownership at the edges: 3, 4, 5 and 250 nodes, 1 and 5 DCs, 1 to 256 tokens', () => {
    for (const shape of [{ nodesPerDc: [3], numTokens: 1 }, { nodesPerDc: [4], numTokens: 1 }, { nodesPerDc: [5], numTokens: 16 },
      { nodesPerDc: [250], numTokens: 16 }, { nodesPerDc: [3, 4, 5, 250, 7], numTokens: 4 }, { nodesPerDc: [3, 3], numTokens: 256 }]) {
      assertBalanced(shape);
    }
  });

  it('balances effective ownership for RF 3 on 3 racks, 3 to 250 nodes per DC, 1 to 5 DCs', () => {
    const shapeArb = fc.record({
      nodesPerDc: fc.array(fc.integer({ min: 3, max: 250 }), { minLength: 1, maxLength: 5 }),
      numTokens: fc.constantFrom(1, 4, 8, 16),
    });
    fc.assert(fc.property(shapeArb, (shape) => assertBalanced(shape)), { numRuns: 25 });
  });
});
