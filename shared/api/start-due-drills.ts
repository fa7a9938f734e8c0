import type { BackupApiDeps } from './backup-api-deps.js';
import { startDrill } from './start-drill.js';
import { startDueRuns, type DueRunOutcome } from './start-due-runs.js';

/**
 * The drill timer's work: starts a restore drill of the newest Complete backup through startDrill
 * for each Ready cluster whose `schedules.drill.schedule` is due, by the product, under
 * `drill-<cluster>-<occurrence>`. A cluster with no Complete backup yet, or a drill still running,
 * is reported as skipped (and tried again next tick), never thrown (startDueRuns).
 */
export function startDueDrills(deps: BackupApiDeps, now: Date): Promise<DueRunOutcome[]> {
  return startDueRuns(deps.state, {
    kind: 'drill',
    scheduleOf: (spec) => spec.schedules?.drill?.schedule,
    newestRun: async (clusterName) => {
      const [newest] = await deps.backups.listDrills(clusterName, 1);
      return newest && { runId: newest.drillId, createdAt: newest.startedAt };
    },
    start: (clusterName, operationId) => startDrill(deps, { clusterName, operationId, requestedBy: 'autopilot', trigger: 'timer' }),
  }, now);
}
