import { RetryOptions, type Task } from 'durable-functions';
import { HEALTH_ACTIVITIES, HEALTH_ORCHESTRATIONS, type CheckClusterHealthResult, type ListClustersDueOutput, type SweepInput } from '../contracts/health-io.js';
import { callHealthActivity, type HealthOrchestrationContext } from './check-cluster-health.js';

/**
 * One timer tick: lists the Ready clusters whose health schedule is due and checks each in its
 * own sub-orchestration, at most `concurrency` at a time in a sliding window, so one slow cluster
 * holds one slot and never delays the rest. A failed check is reported, not rethrown: the other
 * clusters' checks still count. Child ids are `<sweepId>:<cluster>`, stable under replay.
 */
export function* sweepClusterHealth(context: HealthOrchestrationContext): Generator<Task, CheckClusterHealthResult[], unknown> {
  const input = context.df.getInput() as SweepInput;
  const due = (yield callHealthActivity(context, HEALTH_ACTIVITIES.listClustersDueForHealth, 'bookkeeping',
    { now: context.df.currentUtcDateTime.toISOString() })) as ListClustersDueOutput;
  const results: CheckClusterHealthResult[] = [];
  const running = new Map<Task, string>();
  const queue = [...due.clusters];
  const once = new RetryOptions(1_000, 1);
  while (queue.length > 0 || running.size > 0) {
    while (queue.length > 0 && running.size < Math.max(1, input.concurrency)) {
      const cluster = queue.shift()!;
      running.set(context.df.callSubOrchestratorWithRetry(HEALTH_ORCHESTRATIONS.checkClusterHealth, once,
        { cluster, checkId: `${input.sweepId}-${cluster}`, trigger: 'timer' }, `${input.sweepId}:${cluster}`), cluster);
    }
    const done = (yield context.df.Task.any([...running.keys()])) as Task;
    const cluster = running.get(done)!;
    running.delete(done);
    results.push(done.isFaulted
      ? { cluster, checkId: `${input.sweepId}-${cluster}`, status: 'Skipped', reason: String((done.result as Error)?.message ?? done.result), findings: 0 }
      : done.result as CheckClusterHealthResult);
    context.df.setCustomStatus({ phase: 'checking', done: results.length, total: due.clusters.length });
  }
  return results;
}
