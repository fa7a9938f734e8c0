import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readHealthSettings } from '../../../functions/health-settings.js';

test('health settings: defaults when unset', () => {
  const s = readHealthSettings({});
  assert.equal(s.schedule, '0 */5 * * * *');
  assert.equal(s.concurrency, 4);
  assert.equal(s.dataDirectory, '/var/lib/cassandra');
  assert.equal(s.thresholds.diskWarningPercent, 80);
});

test('health settings: overrides are applied and every bad one is named', () => {
  const s = readHealthSettings({ HEALTH_CHECK_SCHEDULE: '0 */2 * * * *', HEALTH_CHECK_CONCURRENCY: '8', HEALTH_THRESHOLDS: '{"diskWarningPercent":70}' });
  assert.deepEqual([s.schedule, s.concurrency, s.thresholds.diskWarningPercent], ['0 */2 * * * *', 8, 70]);
  const cases: [Record<string, string>, RegExp][] = [
    [{ HEALTH_CHECK_SCHEDULE: '*/5 * * * *' }, /HEALTH_CHECK_SCHEDULE must be a six-field NCRONTAB/],
    [{ HEALTH_CHECK_CONCURRENCY: '0' }, /HEALTH_CHECK_CONCURRENCY/],
    [{ HEALTH_THRESHOLDS: '{oops' }, /HEALTH_THRESHOLDS is not JSON/],
    [{ HEALTH_THRESHOLDS: '{"diskCriticalPercent":150,"replicationFactor":"three"}' }, /HEALTH_THRESHOLDS\.diskCriticalPercent .*HEALTH_THRESHOLDS\.replicationFactor/],
    [{ HEALTH_PROBE_DATA_DIRECTORY: 'relative/dir' }, /HEALTH_PROBE_DATA_DIRECTORY/],
  ];
  for (const [env, message] of cases) assert.throws(() => readHealthSettings(env), (e: Error & { code?: string }) => e.code === 'CASSOPS_CONFIG_INVALID' && message.test(e.message), JSON.stringify(env));
});
