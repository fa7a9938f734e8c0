import { isFullBackup } from '../domain/backup/decide-backup-status.js';
import type { BackupApiDeps } from './backup-api-deps.js';
import { startBackup } from './start-backup.js';
import { startDueRuns, type DueRunOutcome } from './start-due-runs.js';

/** Backups looked through for the newest full one: safety backups only come one per in-place restore. */
const NEWEST_BACKUPS = 20;

/**
 * The backup timer's work: starts a backup through startBackup for each Ready cluster whose
 * `schedules.snapshot.schedule` is due, by the product, under `backup-<cluster>-<occurrence>`
 * (also the snapshot tag on every node). A busy cluster (a topology change, a backup still
 * running) or a bad schedule is reported as skipped, never thrown (startDueRuns).
 */
export function startDueBackups(deps: BackupApiDeps, now: Date): Promise<DueRunOutcome[]> {
  return startDueRuns(deps.state, {
    kind: 'backup',
    scheduleOf: (spec) => spec.schedules?.snapshot?.schedule,
    newestRun: async (clusterName) => {
      // A safety backup taken since the occurrence is not its snapshot of the whole cluster.
      const newest = (await deps.backups.listBackups(clusterName, NEWEST_BACKUPS)).find(isFullBackup);
      return newest && { runId: newest.backupId, createdAt: newest.createdAt };
    },
    start: (clusterName, operationId) => startBackup(deps, { clusterName, operationId, requestedBy: 'autopilot', trigger: 'timer' }),
  }, now);
}
