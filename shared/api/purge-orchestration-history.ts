import { planHistoryPurge, type HistoryPurgeWindow } from '../domain/operations/plan-history-purge.js';
import type { HistoryPurger } from '../domain/ports/history-purger.js';

/** What the purge timer needs, built by the composition root from the durable client and the app settings. */
export interface PurgeHistoryDeps {
  purger: HistoryPurger;
  retentionDays: number;
  now: () => Date;
}

/**
 * Purges the history of finished orchestrations older than the retention, so the task hub's
 * tables stop growing with every deployment and health sweep. Idempotent: a second run in the
 * same window deletes nothing. Operation records (Table storage) are not touched.
 */
export async function purgeOrchestrationHistory(deps: PurgeHistoryDeps): Promise<{ window: HistoryPurgeWindow; instancesDeleted: number }> {
  const window = planHistoryPurge(deps.now(), deps.retentionDays);
  return { window, instancesDeleted: await deps.purger.purgeHistory(window) };
}
