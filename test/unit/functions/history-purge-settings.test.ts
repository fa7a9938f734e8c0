import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readHistoryPurgeSettings } from '../../../functions/app-settings.js';

test('history purge settings: daily at 03:30 keeping 30 days by default; bad values are named', () => {
  assert.deepEqual(readHistoryPurgeSettings({}), { AUTOPILOT_HISTORY_PURGE_SCHEDULE: '0 30 3 * * *', AUTOPILOT_HISTORY_RETENTION_DAYS: 30 });
  assert.equal(readHistoryPurgeSettings({ AUTOPILOT_HISTORY_RETENTION_DAYS: '7' }).AUTOPILOT_HISTORY_RETENTION_DAYS, 7);
  const cases: [Record<string, string>, RegExp][] = [
    [{ AUTOPILOT_HISTORY_RETENTION_DAYS: '0' }, /AUTOPILOT_HISTORY_RETENTION_DAYS/],
    [{ AUTOPILOT_HISTORY_RETENTION_DAYS: 'month' }, /AUTOPILOT_HISTORY_RETENTION_DAYS/],
    [{ AUTOPILOT_HISTORY_PURGE_SCHEDULE: '30 3 * * *' }, /AUTOPILOT_HISTORY_PURGE_SCHEDULE must be a six-field NCRONTAB/],
  ];
  for (const [env, message] of cases) {
    assert.throws(() => readHistoryPurgeSettings(env), (e: Error & { code?: string }) => e.code === 'CASSOPS_CONFIG_INVALID' && message.test(e.message), JSON.stringify(env));
  }
});
