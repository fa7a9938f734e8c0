import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dropRepaired } from '../../../../shared/domain/repair/drop-repaired.js';
import type { RepairSegment } from '../../../../shared/domain/repair/repair-model.js';
import { pending, segmentOn, tokenArb } from './repair-fixtures.js';

const MIN = String(-(2n ** 63n));
const MAX = String(2n ** 63n - 1n);

function done(start: string, end: string, tables: string[] = [], keyspace = 'app') {
  return pending({ ...segmentOn(`d${start}`, ['a'], start, end), keyspace, tables }, { status: 'done' });
}
const ids = (segments: RepairSegment[]) => segments.map((s) => s.id);

describe('dropRepaired', () => {
  it('drops segments wholly inside done ranges, joined across touching ranges, and keeps partly covered ones', () => {
    const segments = [segmentOn('in', ['x'], '10', '30'), segmentOn('part', ['x'], '25', '45'), segmentOn('out', ['x'], '50', '60')];
    assert.deepEqual(ids(dropRepaired(segments, [done('0', '20'), done('20', '40')])), ['part', 'out']);
  });

  it('understands ranges that wrap past the largest token, and the whole ring', () => {
    const wrapping = segmentOn('wrap', ['x'], '100', '-100');
    assert.deepEqual(ids(dropRepaired([wrapping], [done('50', MIN), done(MIN, '-50')])), []);
    assert.deepEqual(ids(dropRepaired([wrapping], [done('50', MAX), done(MIN, '-50')])), ['wrap'], 'the token MIN is missing');
    assert.deepEqual(ids(dropRepaired([wrapping, segmentOn('ring', ['x'], '7', '7')], [done('3', '3')])), []);
    assert.deepEqual(ids(dropRepaired([segmentOn('ring', ['x'], '7', '7')], [done('3', '2')])), ['ring']);
  });

  it('counts only done records of the same keyspace that repaired at least the segment\'s tables', () => {
    const all = segmentOn('all', ['x'], '10', '20');
    const onlyA = { ...segmentOn('a', ['x'], '10', '20'), tables: ['a'] };
    assert.deepEqual(ids(dropRepaired([all, onlyA], [done('0', '30', ['a', 'b'])])), ['all']);
    assert.deepEqual(ids(dropRepaired([all, onlyA], [done('0', '30', [], 'other')])), ['all', 'a']);
    assert.deepEqual(ids(dropRepaired([all], [{ ...done('0', '30'), status: 'running' }])), ['all']);
  });

  it('drops exactly the segments inside a done range, for any ranges', () => {
    fc.assert(fc.property(tokenArb, tokenArb, tokenArb, tokenArb, (a, b, c, d) => {
      const offset = (from: string, t: string) => (BigInt(t) - BigInt(from) + 2n ** 64n) % 2n ** 64n;
      // (c, d] inside (a, b] when, walking clockwise from a, c comes before d and d no later than b.
      const width = (s: string, e: string) => offset(s, e) || 2n ** 64n;
      const inside = a === b || (offset(a, c) + width(c, d) <= width(a, b) && (c !== d));
      return (dropRepaired([segmentOn('s', ['x'], c, d)], [done(a, b)]).length === 0) === inside;
    }), { numRuns: 500 });
  });
});
