/** Runtime statuses of instances that will never run again, whose history may therefore go. */
export const FINISHED_RUNTIME_STATUSES = ['Completed', 'Failed', 'Terminated'] as const;
export type FinishedRuntimeStatus = (typeof FINISHED_RUNTIME_STATUSES)[number];

const DAY_IN_MS = 24 * 60 * 60 * 1000;

/** Which orchestration instances a history purge deletes: finished ones created inside the window. */
export interface HistoryPurgeWindow {
  createdTimeFrom: Date;
  createdTimeTo: Date;
  runtimeStatuses: readonly FinishedRuntimeStatus[];
}

/**
 * The purge window at `now`: every finished instance created more than `retentionDays` ago (from
 * the epoch, so a purge that missed runs catches up). Running, pending and suspended instances
 * are never in it, however old: their history is what they replay. Operation records live in
 * Table storage apart from this history, so they stay. Pure.
 *
 * Throws RangeError for a retention that is not a whole number of days from 1.
 */
export function planHistoryPurge(now: Date, retentionDays: number): HistoryPurgeWindow {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new RangeError(`retentionDays must be a whole number from 1, got ${retentionDays}`);
  return { createdTimeFrom: new Date(0), createdTimeTo: new Date(now.getTime() - retentionDays * DAY_IN_MS), runtimeStatuses: FINISHED_RUNTIME_STATUSES };
}
