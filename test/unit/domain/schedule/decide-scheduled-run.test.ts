import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideScheduledRun, type ScheduledRunInput } from '../../../../shared/domain/schedule/decide-scheduled-run.js';

// Saturday 2026-01-10 12:00 UTC; the cluster was created on Thursday the 1st.
const base = { clusterName: 'orders', clusterCreatedAt: '2026-01-01T00:00:00.000Z', now: '2026-01-10T12:00:00.000Z' };

describe('decideScheduledRun', () => {
  const cases: { name: string; input: ScheduledRunInput; expected: ReturnType<typeof decideScheduledRun> }[] = [
    { name: 'a repair keeps its id: repair-<cluster>-<occurrence>', input: { ...base, kind: 'repair', schedule: '0 0 1 * * 0' },
      expected: { outcome: 'due', occurrence: '2026-01-04T01:00:00.000Z', operationId: 'repair-orders-20260104T010000' } },
    { name: 'a backup: the day\'s snapshot', input: { ...base, kind: 'backup', schedule: '0 0 2 * * *' },
      expected: { outcome: 'due', occurrence: '2026-01-10T02:00:00.000Z', operationId: 'backup-orders-20260110T020000' } },
    { name: 'a drill: Saturday\'s', input: { ...base, kind: 'drill', schedule: '0 0 4 * * 6' },
      expected: { outcome: 'due', occurrence: '2026-01-10T04:00:00.000Z', operationId: 'drill-orders-20260110T040000' } },
    { name: 'missed occurrences make one run: the latest', input: { ...base, kind: 'backup', schedule: '0 0 2 * * *',
      newestRun: { runId: 'backup-orders-20260105T020000', createdAt: '2026-01-05T02:00:01.000Z' } },
    expected: { outcome: 'due', occurrence: '2026-01-10T02:00:00.000Z', operationId: 'backup-orders-20260110T020000' } },
    { name: 'a run (from the API) created after the occurrence: not due', input: { ...base, kind: 'backup', schedule: '0 0 2 * * *',
      newestRun: { runId: 'a-uuid', createdAt: '2026-01-10T03:00:00.000Z' } },
    expected: { outcome: 'not-due', reason: 'no occurrence of the backup schedule \'0 0 2 * * *\' since 2026-01-10T03:00:00.000Z' } },
    { name: 'the occurrence\'s own run, created a moment before it (a tick just early): not due again', input: { ...base, kind: 'drill',
      schedule: '0 0 4 * * 6', newestRun: { runId: 'drill-orders-20260110T040000', createdAt: '2026-01-10T03:59:58.000Z' } },
    expected: { outcome: 'not-due', reason: 'no occurrence of the drill schedule \'0 0 4 * * 6\' since 2026-01-10T03:59:58.000Z' } },
    { name: 'no occurrence since the cluster was created', input: { ...base, kind: 'drill', schedule: '0 0 4 * * 6', clusterCreatedAt: '2026-01-10T05:00:00.000Z' },
      expected: { outcome: 'not-due', reason: 'no occurrence of the drill schedule \'0 0 4 * * 6\' since 2026-01-10T05:00:00.000Z' } },
    { name: 'a schedule that does not parse names its kind', input: { ...base, kind: 'backup', schedule: '0 0 99 * * *' },
      expected: { outcome: 'bad-schedule', reason: 'backup schedule \'0 0 99 * * *\' does not parse' } },
    { name: 'no schedule at all', input: { ...base, kind: 'repair', schedule: undefined },
      expected: { outcome: 'bad-schedule', reason: 'repair schedule \'\' does not parse' } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(decideScheduledRun(c.input), c.expected));
});
