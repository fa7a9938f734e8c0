import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateLedger } from '../../../../shared/domain/repair/evaluate-ledger.js';
import type { LedgerEntry } from '../../../../shared/domain/repair/repair-model.js';

const NOW = '2026-03-11T00:00:00.000Z';
const CLUSTER_CREATED = '2026-03-01T00:00:00.000Z';
const DAY = 86_400;
const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * DAY * 1000).toISOString();
const entry = (table: string, gcGraceSeconds: number, lastCompleteRepairAt?: string): LedgerEntry =>
  ({ clusterName: 'c1', keyspace: 'ks1', table, gcGraceSeconds, ...(lastCompleteRepairAt ? { lastCompleteRepairAt } : {}) });

describe('evaluateLedger', () => {
  const cases: { name: string; entry: LedgerEntry; ageSeconds: number; ratio: number | null; status: string }[] = [
    { name: 'repaired a day into a 10-day grace', entry: entry('t', 10 * DAY, daysAgo(1)), ageSeconds: DAY, ratio: 0.1, status: 'ok' },
    { name: 'exactly 80 % of grace (not yet a warning)', entry: entry('t', 10 * DAY, daysAgo(8)), ageSeconds: 8 * DAY, ratio: 0.8, status: 'ok' },
    { name: 'past 80 % of grace', entry: entry('t', 10 * DAY, daysAgo(9)), ageSeconds: 9 * DAY, ratio: 0.9, status: 'warning' },
    { name: 'exactly the grace period (not yet critical)', entry: entry('t', 10 * DAY, daysAgo(10)), ageSeconds: 10 * DAY, ratio: 1, status: 'warning' },
    { name: 'past the grace period', entry: entry('t', 3 * DAY, daysAgo(4)), ageSeconds: 4 * DAY, ratio: 4 / 3, status: 'critical' },
    { name: 'never repaired: as old as the cluster', entry: entry('t', 3 * DAY), ageSeconds: 10 * DAY, ratio: 10 / 3, status: 'critical' },
    { name: 'gc_grace_seconds 0', entry: entry('t', 0, daysAgo(100)), ageSeconds: 100 * DAY, ratio: null, status: 'unrepairable' },
    { name: 'a repair recorded after now (clock skew)', entry: entry('t', DAY, '2026-03-11T00:05:00.000Z'), ageSeconds: 0, ratio: 0, status: 'ok' },
  ];
  for (const c of cases) {
    it(`rates a table ${c.name}`, () => {
      const [row] = evaluateLedger([c.entry], NOW, CLUSTER_CREATED);
      assert.deepEqual(row, { keyspace: 'ks1', table: 't', gcGraceSeconds: c.entry.gcGraceSeconds,
        lastCompleteRepairAt: c.entry.lastCompleteRepairAt ?? null, ageSeconds: c.ageSeconds, ratio: c.ratio, status: c.status });
    });
  }

  it('lists the most urgent first: critical, warning, ok, unrepairable; the more overdue first within a status', () => {
    const rows = evaluateLedger([entry('zero', 0), entry('fine', 10 * DAY, daysAgo(1)), entry('late', 10 * DAY, daysAgo(11)),
      entry('later', 10 * DAY, daysAgo(20)), entry('soon', 10 * DAY, daysAgo(9))], NOW, CLUSTER_CREATED);
    assert.deepEqual(rows.map((r) => r.table), ['later', 'late', 'soon', 'fine', 'zero']);
  });

  it('answers nothing for an empty ledger', () => {
    assert.deepEqual(evaluateLedger([], NOW, CLUSTER_CREATED), []);
  });
});
