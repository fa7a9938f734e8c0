import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { planRepairSegments } from '../../../../shared/domain/repair/plan-repair-segments.js';
import type { RingView } from '../../../../shared/domain/repair/repair-model.js';
import { node, ringArb, SETTINGS, table, tilesRing, viewOf, widthOf } from './repair-fixtures.js';

/** Six evenly spaced tokens from `offset`, one a node, racks r1 r2 r3 r1 r2 r3. */
function sixNodes(prefix: string, dc: string, offset = 0n): ReturnType<typeof node>[] {
  return Array.from({ length: 6 }, (_, k) =>
    node(`${prefix}${k + 1}`, dc, `r${(k % 3) + 1}`, String(-(2n ** 63n) + offset + (BigInt(k) * 2n ** 64n) / 6n)));
}
const SIX = sixNodes('n', 'dc1', 2n ** 60n);

function twoKeyspaces(): RingView {
  const view = viewOf(SIX, { dc1: 3 });
  view.keyspaces.push({ name: 'audit', replication: { dc1: 2 }, tables: [table('audit', 'events')] });
  return view;
}

describe('planRepairSegments', () => {
  it('tiles the ring exactly once per keyspace, wrapping included, with the replicas of the vnode range', () => {
    const segments = planRepairSegments(twoKeyspaces(), {}, SETTINGS);
    for (const keyspace of ['app', 'audit']) assert.ok(tilesRing(segments.filter((s) => s.keyspace === keyspace)), keyspace);
    // The range ending at n1's token, the smallest, starts at n6's and wraps past the largest token.
    const wrapping = segments.filter((s) => s.keyspace === 'app' && BigInt(s.start) > BigInt(s.end));
    assert.equal(wrapping.length, 1);
    assert.deepEqual(wrapping[0]!.replicas, ['n1', 'n2', 'n3']);
    for (const s of segments) assert.equal(s.replicaSetKey, s.replicas.join(','));
  });

  it('cuts about segmentsPerNode × nodes pieces of near-equal width, at least one per vnode range', () => {
    const segments = planRepairSegments(viewOf(SIX, { dc1: 3 }), {}, { ...SETTINGS, segmentsPerNode: 10 });
    assert.equal(segments.length, 60);
    const widths = segments.map(widthOf);
    const [min, max] = [widths.reduce((a, b) => (a < b ? a : b)), widths.reduce((a, b) => (a > b ? a : b))];
    assert.ok(max - min <= 1n, `${min} … ${max}`);
    // Fewer pieces asked than vnode ranges: one segment per range.
    assert.equal(planRepairSegments(viewOf(SIX, { dc1: 3 }), {}, { ...SETTINGS, segmentsPerNode: 1 }).length, 6);
  });

  it('counts only the nodes of the DCs a keyspace is replicated to', () => {
    const nodes = [...SIX, ...sixNodes('m', 'dc2', 2n ** 61n)];
    const segments = planRepairSegments(viewOf(nodes, { dc1: 3 }), {}, { ...SETTINGS, segmentsPerNode: 10 });
    // 12 vnode ranges, each rounded to a whole number of pieces.
    assert.ok(Math.abs(segments.length - 60) <= 6, `${segments.length}`);
    assert.ok(segments.every((s) => s.replicas.every((r) => r.startsWith('n'))));
  });

  it('gives short ids, the same ones for the same input', () => {
    const first = planRepairSegments(twoKeyspaces(), {}, SETTINGS);
    assert.deepEqual(planRepairSegments(twoKeyspaces(), {}, SETTINGS), first);
    assert.deepEqual(first.filter((s) => s.keyspace === 'app').map((s) => s.id).slice(0, 3), ['app:0', 'app:1', 'app:2']);
    assert.equal(new Set(first.map((s) => s.id)).size, first.length);
  });

  it('leaves out keyspaces with fewer than two replicas of a range: nothing to compare', () => {
    const view = viewOf(SIX, { dc1: 1 });
    view.keyspaces.push({ name: 'gone', replication: { dc9: 3 }, tables: [] }, { name: 'simple', replication: { '*': 2 }, tables: [] },
      { name: 'twodcs', replication: { dc1: 1, dc2: 1 }, tables: [] });
    view.nodes.push(node('m1', 'dc2', 'r1', 1));
    const keyspaces = new Set(planRepairSegments(view, {}, SETTINGS).map((s) => s.keyspace));
    assert.deepEqual([...keyspaces].sort(), ['simple', 'twodcs']);
  });

  it('filters keyspaces and tables; a keyspace named in tables repairs only those', () => {
    const view = twoKeyspaces();
    assert.deepEqual(new Set(planRepairSegments(view, { keyspaces: ['audit'] }, SETTINGS).map((s) => s.keyspace)), new Set(['audit']));
    const segments = planRepairSegments(view, { tables: ['app.b', 'app.a'] }, SETTINGS);
    assert.ok(segments.filter((s) => s.keyspace === 'app').every((s) => s.tables.join() === 'a,b'));
    assert.ok(segments.filter((s) => s.keyspace === 'audit').every((s) => s.tables.length === 0));
  });

  it('throws a RangeError naming an unknown keyspace or table', () => {
    const view = twoKeyspaces();
    assert.throws(() => planRepairSegments(view, { keyspaces: ['nope'] }, SETTINGS), { name: 'RangeError', message: /"nope"/ });
    assert.throws(() => planRepairSegments(view, { tables: ['nope.t'] }, SETTINGS), { name: 'RangeError', message: /"nope"/ });
    assert.throws(() => planRepairSegments(view, { tables: ['app.zz'] }, SETTINGS), { name: 'RangeError', message: /"app\.zz"/ });
    assert.throws(() => planRepairSegments(view, { tables: ['app'] }, SETTINGS), { name: 'RangeError', message: /"app"/ });
    assert.throws(() => planRepairSegments(view, { keyspaces: ['audit'], tables: ['app.a'] }, SETTINGS), { name: 'RangeError', message: /outside/ });
  });

  it('tiles the ring once for random rings and replications', () => {
    fc.assert(fc.property(ringArb, fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 20 }), (nodes, rf, segmentsPerNode) => {
      const replication = Object.fromEntries([...new Set(nodes.map((n) => n.dc))].map((dc) => [dc, rf]));
      const segments = planRepairSegments(viewOf(nodes, replication), {}, { ...SETTINGS, segmentsPerNode });
      if (nodes.length === 1) return segments.length === 0;
      const ranges = nodes.reduce((sum, n) => sum + n.tokens.length, 0);
      return tilesRing(segments) && segments.length >= ranges && segments.every((s) => s.replicas.length >= 2);
    }), { numRuns: 200 });
  });
});
