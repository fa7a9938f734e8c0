import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { SegmentRecord } from '../../../../shared/domain/repair/repair-model.js';
import {
  applySegmentOutcome, chooseDispatches, markDispatched, restAfterMs, type DispatchContext,
} from '../../../../shared/domain/repair/schedule-repair.js';
import { pending, segmentOn, SETTINGS, widthOf } from './repair-fixtures.js';

const NOW = '2026-03-01T12:00:00.000Z';
const at = (offsetMs: number) => new Date(Date.parse(NOW) + offsetMs).toISOString();
const ctx = (extra: Partial<DispatchContext> = {}): DispatchContext =>
  ({ now: NOW, settings: SETTINGS, unavailable: new Set(), batchIdPrefix: 'r1', ...extra });

/** Pending records on the given replica sets, `count` segments each. */
function records(sets: string[][], count = 1): SegmentRecord[] {
  return sets.flatMap((replicas, s) => Array.from({ length: count }, (_, i) => pending(segmentOn(`s${s}-${i}`, replicas))));
}

describe('chooseDispatches', () => {
  it('never puts two segments on one replica: running segments and this round\'s batches are disjoint', () => {
    const sets = fc.array(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(sets, fc.array(fc.boolean()), fc.integer({ min: 1, max: 4 }), (replicaSets, running, batchSize) => {
      const segments = records(replicaSets, 2).map((r, i) => (running[i] ? { ...r, status: 'running' as const } : r));
      const dispatches = chooseDispatches(segments, ctx({ settings: { ...SETTINGS, batchSize } }));
      const byId = new Map(segments.map((s) => [s.id, s]));
      const used = new Set(segments.filter((s) => s.status === 'running').flatMap((s) => s.replicas));
      for (const d of dispatches) {
        const chosen = d.segmentIds.map((id) => byId.get(id)!);
        assert.ok(chosen.length >= 1 && chosen.length <= batchSize);
        assert.equal(new Set(chosen.map((s) => s.replicaSetKey)).size, 1, 'one replica set a batch');
        assert.ok(chosen.every((s) => s.status === 'pending'));
        assert.ok(chosen[0]!.replicas.includes(d.coordinator));
        for (const replica of chosen[0]!.replicas) {
          assert.ok(!used.has(replica), `${replica} twice`);
          used.add(replica);
        }
      }
    }), { numRuns: 300 });
  });

  it('batches up to batchSize segments of one replica set, in order, with numbered batch ids', () => {
    const dispatches = chooseDispatches(records([['a', 'b'], ['c', 'd']], 5), ctx({ settings: { ...SETTINGS, batchSize: 3 } }));
    assert.deepEqual(dispatches.map((d) => [d.batchId, d.segmentIds]), [
      ['r1-1', ['s0-0', 's0-1', 's0-2']], ['r1-2', ['s1-0', 's1-1', 's1-2']],
    ]);
  });

  it('starts first the replica sets whose busiest node owes the most, then by the next busiest', () => {
    // b and c owe 3 segments each: {b,c} starts although {a,b} and {c,d} come first and could run together.
    const segments = [...records([['a', 'b']]), ...records([['b', 'c']], 2).map((r) => ({ ...r, id: `x-${r.id}` })),
      ...records([['c', 'd']]).map((r) => ({ ...r, id: `y-${r.id}` }))];
    assert.deepEqual(chooseDispatches(segments, ctx()).map((d) => d.segmentIds), [['x-s0-0', 'x-s0-1']]);
    // {p,s} and {s,t} share their busiest node s (4); p owes 3 and t 2, so {p,s} goes first.
    const tie = [...records([['p', 'q'], ['q', 'r']]), ...records([['p', 's'], ['s', 't']], 2).map((r) => ({ ...r, id: `z-${r.id}` }))];
    assert.deepEqual(chooseDispatches(tie, ctx()).map((d) => d.segmentIds[0]), ['z-s0-0', 's1-0']);
  });

  it('blocks every segment on an unavailable node, and segments not due yet', () => {
    const segments = [...records([['a', 'b'], ['c', 'd'], ['e', 'f']]).map((r, i) => (i === 2 ? { ...r, notBefore: at(1) } : r))];
    assert.deepEqual(chooseDispatches(segments, ctx({ unavailable: new Set(['b']) })).map((d) => d.segmentIds), [['s1-0']]);
    assert.equal(chooseDispatches(segments, ctx({ now: at(1), unavailable: new Set(['b']) })).length, 2);
  });

  it('rests a node after its most recent finished segment for d × (1 - intensity) / intensity', () => {
    const settings = { ...SETTINGS, intensity: 0.5 };
    const [older, recent, next] = records([['a', 'b'], ['a', 'c'], ['a', 'd']]);
    const segments = [
      { ...older!, status: 'done' as const, endedAt: at(-3_600_000), durationMs: 7_200_000 },
      { ...recent!, status: 'done' as const, endedAt: at(-1_000), durationMs: 60_000 },
      next!,
    ];
    assert.equal(restAfterMs(60_000, 0.5), 60_000);
    assert.deepEqual(chooseDispatches(segments, ctx({ settings, now: at(58_999) })), []);
    assert.equal(chooseDispatches(segments, ctx({ settings, now: at(59_000) })).length, 1);
    assert.equal(chooseDispatches(segments, ctx({ now: NOW })).length, 1, 'intensity 1: no rest');
  });

  it('spreads coordinators over the replicas, the same choice every time', () => {
    const sets = Array.from({ length: 60 }, (_, i) => [`a${i}`, `b${i}`, `c${i}`]);
    const dispatches = chooseDispatches(records(sets), ctx());
    const positions = dispatches.map((d, i) => sets[i]!.indexOf(d.coordinator));
    for (const p of [0, 1, 2]) assert.ok(positions.filter((x) => x === p).length >= 10, `replica ${p} coordinates some`);
    assert.deepEqual(chooseDispatches(records(sets), ctx()), dispatches);
  });

  it('marks a dispatched segment running in its batch', () => {
    const [segment] = records([['a', 'b']]);
    const running = markDispatched(segment!, { batchId: 'r1-1', coordinator: 'b', segmentIds: ['s0-0'] }, NOW);
    assert.deepEqual([running.status, running.coordinator, running.batchId, running.startedAt], ['running', 'b', 'r1-1', NOW]);
  });
});

describe('applySegmentOutcome', () => {
  const running = (extra: Partial<SegmentRecord> = {}): SegmentRecord =>
    ({ ...pending(segmentOn('app:3', ['a', 'b'], '0', String(2 ** 40))), status: 'running', coordinator: 'a', batchId: 'r1-1', startedAt: at(-5_000), ...extra });

  it('records a success as done with its duration and end', () => {
    const { changed, removed, runFailure } = applySegmentOutcome([running()], { segmentId: 'app:3', kind: 'succeeded', durationMs: 4_000 }, SETTINGS, NOW);
    assert.deepEqual([changed[0]!.status, changed[0]!.durationMs, changed[0]!.endedAt, removed, runFailure], ['done', 4_000, NOW, [], undefined]);
  });

  it('retries a failure after an exponential backoff, capped at 30 min, and fails the run at maxAttempts', () => {
    const settings = { ...SETTINGS, maxAttempts: 8 };
    const backoffs = [0, 1, 2, 3, 4, 5, 6].map((attempts) => {
      const { changed, runFailure } = applySegmentOutcome([running({ attempts })], { segmentId: 'app:3', kind: 'failed', message: 'boom' }, settings, NOW);
      const [record] = changed;
      assert.deepEqual([record!.status, record!.attempts, record!.lastError, runFailure], ['pending', attempts + 1, 'boom', undefined]);
      assert.equal(record!.coordinator, undefined);
      return (Date.parse(record!.notBefore!) - Date.parse(NOW)) / 60_000;
    });
    assert.deepEqual(backoffs, [1, 2, 4, 8, 16, 30, 30]);
    const last = applySegmentOutcome([running({ attempts: 2 })], { segmentId: 'app:3', kind: 'failed', message: 'Repair session failed' }, SETTINGS, NOW);
    assert.equal(last.changed[0]!.status, 'failed');
    assert.deepEqual(last.runFailure, { segmentId: 'app:3', message: 'Repair session failed' });
  });

  it('replaces a timed-out segment by its halves, pending afresh', () => {
    const { changed, removed } = applySegmentOutcome([running({ attempts: 1 })], { segmentId: 'app:3', kind: 'timedOut' }, SETTINGS, NOW);
    assert.deepEqual(removed, ['app:3']);
    assert.deepEqual(changed.map((r) => [r.id, r.status, r.attempts, r.splitFrom, r.coordinator]),
      [['app:3a', 'pending', 0, 'app:3', undefined], ['app:3b', 'pending', 0, 'app:3', undefined]]);
    assert.equal(widthOf(changed[0]!) + widthOf(changed[1]!), 2n ** 40n);
  });

  it('counts a timeout below the split floor as a failed attempt', () => {
    const settings = { ...SETTINGS, minSegmentTokens: String(2 ** 40), segmentTimeoutMinutes: 0.5 };
    const retry = applySegmentOutcome([running()], { segmentId: 'app:3', kind: 'timedOut' }, settings, NOW);
    assert.deepEqual([retry.changed[0]!.status, retry.changed[0]!.attempts, retry.removed], ['pending', 1, []]);
    const fail = applySegmentOutcome([running({ attempts: 2 })], { segmentId: 'app:3', kind: 'timedOut' }, settings, NOW);
    assert.deepEqual(fail.runFailure, { segmentId: 'app:3', message: 'timed out after 0.5 min and is below the split floor' });
  });

  it('puts an abandoned segment back without counting an attempt', () => {
    const { changed } = applySegmentOutcome([running({ attempts: 1 })], { segmentId: 'app:3', kind: 'abandoned' }, SETTINGS, NOW);
    assert.deepEqual([changed[0]!.status, changed[0]!.attempts, changed[0]!.notBefore, changed[0]!.batchId, changed[0]!.startedAt],
      ['pending', 1, undefined, undefined, undefined]);
  });

  it('ignores an outcome for a segment that is not running, so a replayed report changes nothing', () => {
    for (const segments of [[], [running({ status: 'done' })], [running({ status: 'pending' })]]) {
      assert.deepEqual(applySegmentOutcome(segments, { segmentId: 'app:3', kind: 'failed', message: 'x' }, SETTINGS, NOW), { changed: [], removed: [] });
    }
  });
});
