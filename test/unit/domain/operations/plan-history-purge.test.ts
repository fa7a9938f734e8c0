import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planHistoryPurge } from '../../../../shared/domain/operations/plan-history-purge.js';

test('the purge window: finished instances created before now minus the retention, from the epoch', () => {
  const now = new Date('2026-03-31T03:30:00.000Z');
  const cases: [number, string][] = [
    [30, '2026-03-01T03:30:00.000Z'],
    [1, '2026-03-30T03:30:00.000Z'],
    [365, '2025-03-31T03:30:00.000Z'],
  ];
  for (const [days, to] of cases) {
    const window = planHistoryPurge(now, days);
    assert.equal(window.createdTimeTo.toISOString(), to, `${days} days`);
    assert.equal(window.createdTimeFrom.getTime(), 0);
    assert.deepEqual(window.runtimeStatuses, ['Completed', 'Failed', 'Terminated']);
  }
});

test('the purge window refuses a retention that is not a whole number of days from 1', () => {
  for (const days of [0, -1, 1.5, Number.NaN]) assert.throws(() => planHistoryPurge(new Date(), days), RangeError, String(days));
});
