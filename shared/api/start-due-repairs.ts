import type { RepairApiDeps } from './repair-api-deps.js';
import { startDueRuns, type DueRunOutcome } from './start-due-runs.js';
import { startRepairRun } from './start-repair-run.js';

/**
 * The repair timer's work: starts a run through startRepairRun for each Ready cluster whose
 * `schedules.repair.schedule` is due, by the product, under `repair-<cluster>-<occurrence>`
 * (startDueRuns: a busy cluster or a bad schedule is reported as skipped, never thrown).
 */
export function startDueRepairs(deps: RepairApiDeps, now: Date): Promise<DueRunOutcome[]> {
  return startDueRuns(deps.state, {
    kind: 'repair',
    scheduleOf: (spec) => spec.schedules?.repair?.schedule,
    newestRun: async (clusterName) => (await deps.repairs.listRuns(clusterName, 1))[0],
    start: (clusterName, operationId) => startRepairRun(deps, { clusterName, operationId, requestedBy: 'autopilot', trigger: 'timer' }),
  }, now);
}
