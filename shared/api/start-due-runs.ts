import { decideScheduledRun, type ScheduledKind } from '../domain/schedule/decide-scheduled-run.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import type { StateStore } from '../domain/ports/state-store.js';
import { CLUSTER_STATES } from '../domain/state/state-records.js';
import { isOpsError } from '../errors/ops-error.js';

/** What a timer did for one Ready cluster whose schedule was due (or could not be read). */
export interface DueRunOutcome {
  cluster: string;
  outcome: 'started' | 'already-started' | 'skipped';
  operationId?: string;
  /** Why a due run was not started: the cluster busy, a schedule that does not parse, a fault. */
  reason?: string;
}

/** One kind of run a cluster's own schedule starts: where its schedule and newest run are, and how one starts. */
export interface ScheduledRuns {
  kind: ScheduledKind;
  scheduleOf(spec: Partial<ClusterSpec>): string | undefined;
  newestRun(clusterName: string): Promise<{ runId: string; createdAt: string } | undefined>;
  /** Starts the run by the product (`autopilot`, trigger `timer`); `started: false` when this operation id already ran. */
  start(clusterName: string, operationId: string): Promise<{ started: boolean }>;
}

/**
 * A timer's work: for each Ready cluster whose schedule of this kind is due (decideScheduledRun),
 * starts a run under the operation id of the occurrence, so concurrent firings start it once. One
 * cluster never holds up the others: a busy cluster, a bad schedule or a fault is reported as
 * skipped, never thrown. Clusters not due are left out of the answer.
 */
export async function startDueRuns(state: StateStore, runs: ScheduledRuns, now: Date): Promise<DueRunOutcome[]> {
  const outcomes: DueRunOutcome[] = [];
  for (const cluster of (await state.listClusters()).filter((c) => c.state === CLUSTER_STATES.Ready)) {
    const decision = decideScheduledRun({ kind: runs.kind, clusterName: cluster.name, schedule: runs.scheduleOf(cluster.spec as Partial<ClusterSpec>),
      clusterCreatedAt: cluster.createdAt, newestRun: await runs.newestRun(cluster.name), now: now.toISOString() });
    if (decision.outcome === 'bad-schedule') outcomes.push({ cluster: cluster.name, outcome: 'skipped', reason: decision.reason });
    if (decision.outcome !== 'due') continue;
    const { operationId } = decision;
    try {
      const { started } = await runs.start(cluster.name, operationId);
      outcomes.push({ cluster: cluster.name, outcome: started ? 'started' : 'already-started', operationId });
    } catch (error) {
      const reason = isOpsError(error) ? `${error.code}: ${error.message}` : String((error as Error)?.message ?? error);
      outcomes.push({ cluster: cluster.name, outcome: 'skipped', operationId, reason });
    }
  }
  return outcomes;
}

/** One log line per outcome: `backup of orders: started (run backup-orders-…)`. */
export function describeDueRun(kind: ScheduledKind, o: DueRunOutcome): string {
  const run = o.operationId ? ` (run ${o.operationId})` : '';
  return `${kind} of ${o.cluster}: ${o.outcome}${run}${o.reason ? `: ${o.reason}` : ''}`;
}
