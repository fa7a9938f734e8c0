import { CronExpressionParser } from 'cron-parser';

/** How far ahead of `now` an occurrence still counts as come: a timer tick may fire a little early. */
export const TICK_SLACK_MS = 5_000;

/**
 * The latest occurrence of a six-field NCRONTAB schedule (seconds first, UTC) at or before
 * `now` (within TICK_SLACK_MS after it, so a tick that fires a second early does not miss its
 * own occurrence), as an ISO instant; undefined when the schedule does not parse. The one place
 * schedules are read: the health, repair, backup and drill timers all decide what is due from it.
 */
export function latestOccurrence(schedule: string, now: string): string | undefined {
  try {
    const currentDate = new Date(Date.parse(now) + TICK_SLACK_MS);
    return CronExpressionParser.parse(schedule, { currentDate, tz: 'UTC' }).prev().toDate().toISOString();
  } catch {
    return undefined;
  }
}
