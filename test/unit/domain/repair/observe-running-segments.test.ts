import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { observeRunningSegments } from '../../../../shared/domain/repair/observe-running-segments.js';
import type { NodeRepairActivity, RepairCommandRow, SegmentRecord } from '../../../../shared/domain/repair/repair-model.js';

const T = (s: number) => new Date(Date.parse('2026-03-01T00:00:00.000Z') + s * 1000).toISOString();
const segment = (id: string, start: string, end: string, batchId = 'b1'): SegmentRecord => ({ id, keyspace: 'shop', tables: [], start, end,
  replicas: ['a', 'b', 'c'], replicaSetKey: 'a,b,c', status: 'running', attempts: 0, coordinator: 'a', batchId, startedAt: T(0) });
const command = (range: string, startedAt: string, rest: Partial<RepairCommandRow> = {}): RepairCommandRow => ({ id: `${range}@${startedAt}`,
  keyspace: 'shop', ranges: [range], tables: [], completed: true, status: 'success', durationMs: 4_000, startedAt, ...rest });
const on = (repairs: RepairCommandRow[]): NodeRepairActivity[] => [{ address: 'a', reachable: true, repairs, pendingCompactions: 0 }];
const HOUR = 3_600_000;

describe('watching running segments over system_views.repairs', () => {
  it('takes the newest command of the segment\'s range started after the hand-out: success, failure, still running', () => {
    const segments = [segment('s1', '0', '10'), segment('s2', '10', '20'), segment('s3', '20', '30')];
    const observed = observeRunningSegments(segments, on([
      command('(0,10]', T(-600), { status: 'failure', failureCause: 'an older attempt' }),
      command('(0,10]', T(5)),
      command('(10,20]', T(10), { status: 'failure', failureCause: 'Validation failed in /127.0.0.5' }),
      command('(20,30]', T(15), { completed: false, status: 'repair_start' }),
    ]), T(20), HOUR, new Set(), 1);
    assert.deepEqual(observed.outcomes, [{ segmentId: 's1', kind: 'succeeded', durationMs: 4_000 },
      { segmentId: 's2', kind: 'failed', message: 'Validation failed in /127.0.0.5' }]);
    assert.equal(observed.commandStarts.get('s3'), T(15));
  });

  it('a command running past the timeout has timed out; a failure while a replica is down costs no attempt', () => {
    const observed = observeRunningSegments([segment('s1', '0', '10'), segment('s2', '10', '20', 'b2')], on([
      command('(0,10]', T(1), { completed: false, status: 'repair_start' }),
      command('(10,20]', T(1), { status: 'failure', failureCause: 'Endpoint not alive: /c' }),
    ]), T(1 + 1801), 1_800_000, new Set(['c']), 1);
    assert.deepEqual(observed.outcomes, [{ segmentId: 's1', kind: 'timedOut' }, { segmentId: 's2', kind: 'abandoned' }]);
  });

  it('a segment waiting its turn waits while its batch shows life, and is abandoned once the batch falls silent past its rest', () => {
    const segments = [segment('s1', '0', '10'), segment('s2', '10', '20')];
    const rows = [command('(0,10]', T(2), { durationMs: 30_000 })];
    // At intensity 0.5 the runner rests as long as the segment took: 30 s after it ended at 32 s.
    assert.deepEqual(observeRunningSegments(segments, on(rows), T(100), HOUR, new Set(), 0.5).outcomes.map((o) => o.kind), ['succeeded']);
    assert.deepEqual(observeRunningSegments(segments, on(rows), T(130), HOUR, new Set(), 0.5).outcomes,
      [{ segmentId: 's1', kind: 'succeeded', durationMs: 30_000 }, { segmentId: 's2', kind: 'abandoned' }]);
  });

  it('says nothing about segments on a coordinator that does not answer', () => {
    const observed = observeRunningSegments([segment('s1', '0', '10')], [{ address: 'a', reachable: false, repairs: [], pendingCompactions: 0 }],
      T(10_000), HOUR, new Set(['a']), 1);
    assert.deepEqual(observed.outcomes, []);
  });
});
