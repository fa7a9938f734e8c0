import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ringRanges, sortRing } from '../../../../shared/domain/repair/ring-ranges.js';
import { effectiveOwnership } from '../../../support/effective-ownership.js';
import { node, ringArb, RING } from './repair-fixtures.js';

function placement(nodes: ReturnType<typeof node>[], replication: Record<string, number>): string[] {
  return ringRanges(sortRing(nodes), replication).map((r) => `(${r.start},${r.end}] ${r.replicas.join(' ')}`);
}

describe('ringRanges', () => {
  it('places a 3-node ring by hand: each range on its end node and the next, wrapping for the first', () => {
    const nodes = [node('c', 'dc1', 'r3', 100), node('a', 'dc1', 'r1', -100), node('b', 'dc1', 'r2', 0)];
    assert.deepEqual(placement(nodes, { dc1: 2 }), ['(100,-100] a b', '(-100,0] b c', '(0,100] a c']);
    assert.deepEqual(placement(nodes, { '*': 2 }), ['(100,-100] a b', '(-100,0] b c', '(0,100] a c']);
  });

  it('skips a node of a rack already used while other racks remain (3 nodes on 2 racks)', () => {
    const nodes = [node('a', 'dc1', 'r1', 10), node('b', 'dc1', 'r1', 20), node('c', 'dc1', 'r2', 30)];
    assert.deepEqual(placement(nodes, { dc1: 2 }), ['(30,10] a c', '(10,20] b c', '(20,30] a c']);
    // SimpleStrategy ignores racks.
    assert.deepEqual(placement(nodes, { '*': 2 }), ['(30,10] a b', '(10,20] b c', '(20,30] a c']);
  });

  it('places a 6-node ring of 3 racks by hand, one replica per rack', () => {
    const nodes = [node('n1', 'dc1', 'r1', 10), node('n2', 'dc1', 'r1', 20), node('n3', 'dc1', 'r2', 30),
      node('n4', 'dc1', 'r3', 40), node('n5', 'dc1', 'r2', 50), node('n6', 'dc1', 'r3', 60)];
    assert.deepEqual(placement(nodes, { dc1: 3 }), [
      '(60,10] n1 n3 n4', '(10,20] n2 n3 n4', '(20,30] n1 n3 n4', '(30,40] n1 n4 n5', '(40,50] n1 n5 n6', '(50,60] n1 n3 n6',
    ]);
  });

  it('fills up from skipped nodes when a DC has fewer racks than rf, in ring order', () => {
    const nodes = [node('a1', 'dc1', 'r1', 10), node('a2', 'dc1', 'r1', 20), node('a3', 'dc1', 'r1', 30), node('b1', 'dc1', 'r2', 40)];
    assert.deepEqual(placement(nodes, { dc1: 3 }), ['(40,10] a1 a2 b1', '(10,20] a2 a3 b1', '(20,30] a1 a3 b1', '(30,40] a1 a2 b1']);
  });

  it('walks each DC separately over the whole ring; rf is capped by the DC\'s nodes, unknown DCs ignored', () => {
    const nodes = [node('x1', 'dc1', 'r1', 10), node('y1', 'dc2', 'r1', 20), node('x2', 'dc1', 'r2', 30), node('y2', 'dc2', 'r2', 40)];
    assert.deepEqual(placement(nodes, { dc1: 1, dc2: 5, dc9: 3 }), [
      '(40,10] x1 y1 y2', '(10,20] x2 y1 y2', '(20,30] x2 y1 y2', '(30,40] x1 y1 y2',
    ]);
  });

  it('gives a one-token ring a single range over the whole ring', () => {
    assert.deepEqual(placement([node('a', 'dc1', 'r1', 5)], { dc1: 3 }), ['(5,5] a']);
    assert.deepEqual(placement([], { dc1: 3 }), []);
  });

  it('agrees with the reference model of NetworkTopologyStrategy on random rings (effective ownership)', () => {
    fc.assert(fc.property(ringArb, fc.integer({ min: 1, max: 4 }), (nodes, rf) => {
      const ring = sortRing(nodes);
      const dcs = [...new Set(nodes.map((n) => n.dc))];
      const owned = new Map<string, bigint>(nodes.map((n) => [n.address, 0n]));
      for (const range of ringRanges(ring, Object.fromEntries(dcs.map((dc) => [dc, rf])))) {
        const width = ((range.end - range.start + RING - 1n) % RING) + 1n;
        for (const replica of range.replicas) owned.set(replica, owned.get(replica)! + width);
      }
      const expected = effectiveOwnership(ring.map((t) => ({ token: t.token, node: t.node.address, dc: t.node.dc, rack: t.node.rack })), rf);
      for (const [address, share] of expected) assert.ok(Math.abs(Number(owned.get(address)!) / Number(RING) - share) < 1e-9, address);
    }), { numRuns: 200 });
  });
});
