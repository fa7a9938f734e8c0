import { RetryOptions, type Task } from 'durable-functions';
import { HEALTH_ACTIVITIES, HEALTH_ORCHESTRATIONS, type CheckClusterHealthResult, type ListClustersDueOutput, type SweepInput } from '../contracts/health-io.js';
import { callHealthActivity, type HealthOrchestrationContext } from './check-cluster-health.js';

/**
 * One timer tick: lists the Ready clusters whose health schedule is due and checks each in its
 * own sub-orchestration, `concurrency` at a time. Batches of Task.all rather than a sliding
 * window of Task.any: re-yielding still-pending tasks stalls on the local host (the deploy
 * orchestrations hit the same), so a slow cluster can hold back the next batch of this sweep,
 * but never another cluster's check already running, nor the next tick. A failed check is
 * reported, not rethrown. Child ids are `<sweepId>:<cluster>`, stable under replay.
 */
export function* sweepClusterHealth(context: HealthOrchestrationContext): Generator<Task, CheckClusterHealthResult[], unknown> {
  const input = context.df.getInput() as SweepInput;
  const due = (yield callHealthActivity(context, HEALTH_ACTIVITIES.listClustersDueForHealth, 'bookkeeping',
    { now: context.df.currentUtcDateTime.toISOString() })) as ListClustersDueOutput;
  const results: CheckClusterHealthResult[] = [];
  const size = Math.max(1, input.concurrency);
  // One attempt: a check that failed is reported and the next tick checks again.
  const once = new RetryOptions(1_000, 1);
  for (let i = 0; i < due.clusters.length; i += size) {
    const batch = due.clusters.slice(i, i + size);
    const tasks = batch.map((cluster) => context.df.callSubOrchestratorWithRetry(HEALTH_ORCHESTRATIONS.checkClusterHealth, once,
      { cluster, checkId: `${input.sweepId}-${cluster}`, trigger: 'timer' }, `${input.sweepId}:${cluster}`));
    try {
      results.push(...((yield context.df.Task.all(tasks)) as CheckClusterHealthResult[]));
    } catch {
      // Task.all fails with the first failure; read each child's own outcome.
      results.push(...tasks.map((t, k) => (t.isFaulted || t.result === undefined
        ? { cluster: batch[k]!, checkId: `${input.sweepId}-${batch[k]}`, status: 'Skipped' as const, reason: 'the check failed', findings: 0 }
        : t.result as CheckClusterHealthResult)));
    }
    context.df.setCustomStatus({ phase: 'checking', done: results.length, total: due.clusters.length });
  }
  return results;
}
