import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SegmentRecord } from '../../../../shared/domain/repair/repair-model.js';
import { estimateEtaSeconds, summarizeSegments } from '../../../../shared/domain/repair/summarize-segments.js';
import { pending, segmentOn } from './repair-fixtures.js';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function record(id: string, extra: Partial<SegmentRecord>): SegmentRecord {
  return pending(segmentOn(id, ['a', 'b']), extra);
}

describe('summarizeSegments', () => {
  it('counts by status with the share done', () => {
    const segments = [record('1', { status: 'done' }), record('2', {}), record('3', { status: 'running' }), record('4', { status: 'done' })];
    assert.deepEqual(summarizeSegments(segments), { pending: 1, running: 1, done: 2, failed: 0, total: 4, doneFraction: 0.5 });
    assert.equal(summarizeSegments([]).doneFraction, 1);
  });
});

describe('estimateEtaSeconds', () => {
  it('is undefined until a segment finished', () => {
    assert.equal(estimateEtaSeconds([record('1', { status: 'running', startedAt: at(0) })], at(60)), undefined);
  });

  it('divides the work left (mean duration each) by the parallelism observed', () => {
    // Two segments of 100 s done in 100 s of wall clock: parallelism 2; four left at 100 s each.
    const segments = [
      record('1', { status: 'done', startedAt: at(0), endedAt: at(100), durationMs: 100_000 }),
      record('2', { status: 'done', startedAt: at(0), endedAt: at(100), durationMs: 100_000 }),
      record('3', { status: 'running', startedAt: at(100) }), record('4', {}), record('5', {}), record('6', {}),
      record('7', { status: 'failed' }),
    ];
    assert.equal(estimateEtaSeconds(segments, at(100)), 200);
  });
});
