import { latestOccurrence } from '../schedule/latest-occurrence.js';

/** What the repair timer knows of a cluster. */
export interface ScheduledRunInput {
  clusterName: string;
  /** The spec's `schedules.repair.schedule` (six-field NCRONTAB, UTC). */
  schedule: string | undefined;
  clusterCreatedAt: string;
  newestRun?: { runId: string; createdAt: string } | undefined;
  now: string;
}

export type ScheduledRunDecision =
  | { outcome: 'due'; occurrence: string; operationId: string }
  | { outcome: 'not-due' | 'bad-schedule'; reason: string };

/**
 * Whether the timer starts a repair run: the schedule's latest occurrence (latestOccurrence) came
 * after the cluster's newest run was created, or after the cluster itself was when it has none
 * (missed occurrences make one run, not many). The operation id is derived from the cluster and
 * the occurrence, so two timer firings or two app instances deciding the same occurrence start
 * one run (the operation record is inserted once); a newest run with that very id is not due
 * again, even when it was created a moment before its occurrence.
 */
export function decideScheduledRun(input: ScheduledRunInput): ScheduledRunDecision {
  const occurrence = input.schedule === undefined ? undefined : latestOccurrence(input.schedule, input.now);
  if (occurrence === undefined) {
    return { outcome: 'bad-schedule', reason: `repair schedule '${input.schedule ?? ''}' does not parse` };
  }
  const operationId = scheduledRunId(input.clusterName, occurrence);
  const since = input.newestRun?.createdAt ?? input.clusterCreatedAt;
  if (input.newestRun?.runId === operationId || Date.parse(occurrence) <= Date.parse(since)) {
    return { outcome: 'not-due', reason: `no occurrence of '${input.schedule}' since ${since}` };
  }
  return { outcome: 'due', occurrence, operationId };
}

/** `repair-<cluster>-<yyyymmddThhmmss>` of the occurrence (UTC): letters, digits and dashes, as operation ids are. */
export function scheduledRunId(clusterName: string, occurrence: string): string {
  return `repair-${clusterName}-${occurrence.replace(/[-:]/g, '').slice(0, 15)}`;
}
