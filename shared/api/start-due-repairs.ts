import { decideScheduledRun } from '../domain/repair/decide-scheduled-run.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import { CLUSTER_STATES } from '../domain/state/state-records.js';
import { isOpsError } from '../errors/ops-error.js';
import type { RepairApiDeps } from './repair-api-deps.js';
import { startRepairRun } from './start-repair-run.js';

/** What the repair timer did for one Ready cluster whose schedule was due (or could not be read). */
export interface DueRepairOutcome {
  cluster: string;
  outcome: 'started' | 'already-started' | 'skipped';
  operationId?: string;
  /** Why a due run was not started: the cluster busy, a schedule that does not parse, a fault. */
  reason?: string;
}

/**
 * The repair timer's work: for each Ready cluster whose `schedules.repair.schedule` is due
 * (decideScheduledRun), starts a run through startRepairRun, by the product (`autopilot`, trigger
 * `timer`) under the operation id of the occurrence, so concurrent firings start it once. One
 * cluster never holds up the others: a busy cluster, a bad schedule or a fault is reported as
 * skipped, never thrown. Clusters not due are left out of the answer.
 */
export async function startDueRepairs(deps: RepairApiDeps, now: Date): Promise<DueRepairOutcome[]> {
  const outcomes: DueRepairOutcome[] = [];
  for (const cluster of (await deps.state.listClusters()).filter((c) => c.state === CLUSTER_STATES.Ready)) {
    const [newestRun] = await deps.repairs.listRuns(cluster.name, 1);
    const schedule = (cluster.spec as Partial<ClusterSpec>).schedules?.repair?.schedule;
    const decision = decideScheduledRun({ clusterName: cluster.name, schedule, clusterCreatedAt: cluster.createdAt, newestRun,
      now: now.toISOString() });
    if (decision.outcome === 'bad-schedule') outcomes.push({ cluster: cluster.name, outcome: 'skipped', reason: decision.reason });
    if (decision.outcome !== 'due') continue;
    const { operationId } = decision;
    try {
      const start = { clusterName: cluster.name, operationId, requestedBy: 'autopilot', trigger: 'timer' } as const;
      const { started } = await startRepairRun(deps, start);
      outcomes.push({ cluster: cluster.name, outcome: started ? 'started' : 'already-started', operationId });
    } catch (error) {
      const reason = isOpsError(error) ? `${error.code}: ${error.message}` : String((error as Error)?.message ?? error);
      outcomes.push({ cluster: cluster.name, outcome: 'skipped', operationId, reason });
    }
  }
  return outcomes;
}
