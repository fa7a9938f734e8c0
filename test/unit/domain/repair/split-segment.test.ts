import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitSegment } from '../../../../shared/domain/repair/split-segment.js';
import { segmentOn, tokenArb, widthOf } from './repair-fixtures.js';

describe('splitSegment', () => {
  it('halves at the midpoint, ids derived from the parent', () => {
    const [a, b] = splitSegment(segmentOn('app:7', ['x', 'y'], '0', '100'), '10')!;
    assert.deepEqual([a.id, a.start, a.end, b.id, b.start, b.end], ['app:7a', '0', '50', 'app:7b', '50', '100']);
    assert.deepEqual(b.replicas, ['x', 'y']);
  });

  it('splits a range that wraps where its tokens are, not at zero', () => {
    const max = 2n ** 63n - 1n;
    const [a, b] = splitSegment(segmentOn('s', ['x'], String(max - 9n), String(-(2n ** 63n) + 10n)), '1')!;
    assert.deepEqual([a.end, b.start], [String(-(2n ** 63n)), String(-(2n ** 63n))]);
    // The whole ring (start = end) halves into two half rings.
    const [c, d] = splitSegment(segmentOn('s', ['x'], '5', '5'), '1')!;
    assert.deepEqual([widthOf(c), widthOf(d)], [2n ** 63n, 2n ** 63n]);
  });

  it('refuses at or below the floor, and a one-token range', () => {
    assert.equal(splitSegment(segmentOn('s', ['x'], '0', '100'), '100'), undefined);
    assert.ok(splitSegment(segmentOn('s', ['x'], '0', '101'), '100'));
    assert.equal(splitSegment(segmentOn('s', ['x'], '0', '1'), '0'), undefined);
  });

  it('halves tile the parent for any range', () => {
    fc.assert(fc.property(tokenArb, tokenArb, (start, end) => {
      const parent = segmentOn('p', ['x'], start, end);
      const halves = splitSegment(parent, '1');
      if (!halves) return widthOf(parent) <= 1n;
      const [a, b] = halves;
      return a.start === start && a.end === b.start && b.end === end && widthOf(a) + widthOf(b) === widthOf(parent)
        && widthOf(a) > 0n && widthOf(b) > 0n && widthOf(b) - widthOf(a) <= 1n;
    }), { numRuns: 500 });
  });
});
