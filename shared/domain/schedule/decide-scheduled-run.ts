import { latestOccurrence } from './latest-occurrence.js';

/** What the product runs on a cluster's own schedule: each names its operation ids and messages. */
export const SCHEDULED_KINDS = ['repair', 'backup', 'drill'] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

/** What a timer knows of a cluster. */
export interface ScheduledRunInput {
  kind: ScheduledKind;
  clusterName: string;
  /** The spec's `schedules.<repair|snapshot|drill>.schedule` (six-field NCRONTAB, UTC). */
  schedule: string | undefined;
  clusterCreatedAt: string;
  /** The cluster's newest run of this kind (repair run, backup or drill), by id and creation time. */
  newestRun?: { runId: string; createdAt: string } | undefined;
  now: string;
}

export type ScheduledRunDecision =
  | { outcome: 'due'; occurrence: string; operationId: string }
  | { outcome: 'not-due' | 'bad-schedule'; reason: string };

/**
 * Whether a timer starts a run of `kind`: the schedule's latest occurrence (latestOccurrence) came
 * after the cluster's newest run was created, or after the cluster itself was when it has none
 * (missed occurrences make one run, not many). The operation id is derived from the kind, the
 * cluster and the occurrence, so two timer firings or two app instances deciding the same
 * occurrence start one run (the operation record is inserted once); a newest run with that very
 * id is not due again, even when it was created a moment before its occurrence.
 */
export function decideScheduledRun(input: ScheduledRunInput): ScheduledRunDecision {
  const occurrence = input.schedule === undefined ? undefined : latestOccurrence(input.schedule, input.now);
  if (occurrence === undefined) {
    return { outcome: 'bad-schedule', reason: `${input.kind} schedule '${input.schedule ?? ''}' does not parse` };
  }
  const operationId = scheduledRunId(input.kind, input.clusterName, occurrence);
  const since = input.newestRun?.createdAt ?? input.clusterCreatedAt;
  if (input.newestRun?.runId === operationId || Date.parse(occurrence) <= Date.parse(since)) {
    return { outcome: 'not-due', reason: `no occurrence of the ${input.kind} schedule '${input.schedule}' since ${since}` };
  }
  return { outcome: 'due', occurrence, operationId };
}

/**
 * `<kind>-<cluster>-<yyyymmddThhmmss>` of the occurrence (UTC): letters, digits and dashes, as
 * operation ids are; at most 47 characters for a 24-character cluster name.
 */
export function scheduledRunId(kind: ScheduledKind, clusterName: string, occurrence: string): string {
  return `${kind}-${clusterName}-${occurrence.replace(/[-:]/g, '').slice(0, 15)}`;
}
