import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { latestOccurrence } from '../../../../shared/domain/schedule/latest-occurrence.js';
import { isHealthCheckDue } from '../../../../shared/domain/health/is-health-check-due.js';

describe('latestOccurrence', () => {
  const cases: [string, string, string | undefined][] = [
    ['0 0 1 * * 0', '2026-01-07T12:00:00.000Z', '2026-01-04T01:00:00.000Z'],
    ['0 0 1 * * 0', '2026-01-04T01:00:00.000Z', '2026-01-04T01:00:00.000Z'],
    // A tick two seconds early still sees its own occurrence.
    ['0 */15 * * * *', '2026-01-01T00:14:58.000Z', '2026-01-01T00:15:00.000Z'],
    ['0 */15 * * * *', '2026-01-01T00:14:50.000Z', '2026-01-01T00:00:00.000Z'],
    ['not a schedule', '2026-01-01T00:00:00.000Z', undefined],
  ];
  for (const [schedule, now, expected] of cases) {
    it(`'${schedule}' at ${now} → ${expected}`, () => assert.equal(latestOccurrence(schedule, now), expected));
  }
});

describe('isHealthCheckDue', () => {
  it('is due before any check, after an occurrence since the last one, and on an unparsable schedule', () => {
    assert.equal(isHealthCheckDue('0 0 * * * *', undefined, '2026-01-01T00:30:00.000Z'), true);
    assert.equal(isHealthCheckDue('0 0 * * * *', '2026-01-01T00:10:00.000Z', '2026-01-01T00:30:00.000Z'), false);
    assert.equal(isHealthCheckDue('0 0 * * * *', '2026-01-01T00:10:00.000Z', '2026-01-01T01:00:01.000Z'), true);
    assert.equal(isHealthCheckDue('garbage', '2026-01-01T00:10:00.000Z', '2026-01-01T00:30:00.000Z'), true);
  });
});
