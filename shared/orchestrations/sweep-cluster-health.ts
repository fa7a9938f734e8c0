import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { CheckClusterHealthResult, ListClustersDueOutput, SweepInput } from '../contracts/health-io.js';
import { callActivity, callSub } from './kit/call-activity.js';
import { runInBatches } from './kit/run-in-batches.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * One timer tick: lists the Ready clusters whose health schedule is due and checks each in its
 * own sub-orchestration, `concurrency` at a time. Batches of Task.all rather than a sliding
 * window (see runInBatches), so a slow cluster can hold back the next batch of this sweep, but
 * never another cluster's check already running, nor the next tick. A failed check is reported,
 * not rethrown. The sweep runs as instance `sweepId`, so child ids are `<sweepId>:<cluster>`,
 * stable under replay.
 */
export function* sweepClusterHealth(context: OrchestrationContextLike): Orchestration<CheckClusterHealthResult[]> {
  const input = context.df.getInput() as SweepInput;
  const due = (yield callActivity(context, ACTIVITIES.listClustersDueForHealth, 'bookkeeping',
    { now: context.df.currentUtcDateTime.toISOString() })) as ListClustersDueOutput;
  const checkId = (cluster: string) => `${input.sweepId}-${cluster}`;
  const starts = due.clusters.map((cluster) => () =>
    callSub(context, ORCHESTRATIONS.checkClusterHealth, { cluster, checkId: checkId(cluster), trigger: 'timer' }, cluster, 'healthCheck'));
  return yield* runInBatches<CheckClusterHealthResult>(context, starts, input.concurrency, {
    // Task.all fails with the first failure; each child's own outcome is read instead.
    settle: (tasks, start) => tasks.map((task, k) => {
      const cluster = due.clusters[start + k] as string;
      return task.isFaulted || task.result === undefined
        ? { cluster, checkId: checkId(cluster), status: 'Skipped', reason: 'the check failed', findings: 0 }
        : task.result as CheckClusterHealthResult;
    }),
    afterBatch: (done) => context.df.setCustomStatus({ phase: 'checking', done, total: due.clusters.length }),
  });
}
