import type { HistoryPurgeWindow } from '../operations/plan-history-purge.js';

/** Deletes orchestration history (the durable client's purge by filter, behind the smallest interface). */
export interface HistoryPurger {
  /** Deletes the history of every instance in the window; returns how many instances went. */
  purgeHistory(window: HistoryPurgeWindow): Promise<number>;
}
