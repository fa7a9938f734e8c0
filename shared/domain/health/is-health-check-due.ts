import { latestOccurrence } from '../schedule/latest-occurrence.js';

/**
 * Whether a cluster's health check is due: its own NCRONTAB schedule (six fields, seconds
 * first) has had an occurrence after its last check. The timer fires on the app's schedule; a
 * cluster whose schedule is coarser is skipped until due, one that is finer is checked on every
 * tick (the timer's granularity is the floor). An unparsable schedule counts as due, so a bad
 * value never silences health.
 */
export function isHealthCheckDue(schedule: string, lastCheckAt: string | undefined, now: string): boolean {
  if (lastCheckAt === undefined) return true;
  const occurrence = latestOccurrence(schedule, now);
  return occurrence === undefined || Date.parse(occurrence) > Date.parse(lastCheckAt);
}
