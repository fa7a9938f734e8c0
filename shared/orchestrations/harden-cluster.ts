import { ACTIVITIES } from '../contracts/names.js';
import type { ClusterCqlInput, DeployPhaseInput, HardenAuthInput, SmokeTestInput } from '../contracts/activity-io.js';
import type { Task } from 'durable-functions';
import { fail, ok, type Result } from '../errors/result.js';
import { callActivity, firstFailure } from './kit/call-activity.js';
import { recordProgress } from './kit/record-progress.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * Hardens a joined cluster, then proves it: system keyspaces on NetworkTopologyStrategy with the
 * planned RF per DC and a generated superuser in place of the default `cassandra` login (when the
 * spec enables authentication), then the spec's keyspaces beside a smoke test (EACH_QUORUM write,
 * LOCAL_QUORUM read in every DC). The two run together: each changes the schema of its own
 * keyspace only, which Cassandra merges without conflict, and both need the login hardenAuth left.
 */
export function* hardenCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operationId, plan } = context.df.getInput<DeployPhaseInput>();
  const records: Task[] = [];
  if (plan.authentication) {
    const auth = (yield callActivity(context, ACTIVITIES.hardenAuth, 'cql', { plan } satisfies HardenAuthInput)) as Result<void>;
    if (!auth.ok) return auth;
    records.push(recordProgress(context, { operationId, step: 'harden', status: 'Running', stepPercent: 50, operationPercent: 85,
      message: 'system keyspaces replicated per DC, superuser created, default login disabled' }));
  }
  records.push(recordProgress(context, { operationId, step: 'smokeTest', status: 'Running', stepPercent: 0, operationPercent: 85 }));
  const keyspaces = callActivity(context, ACTIVITIES.createKeyspaces, 'cql', { plan } satisfies ClusterCqlInput);
  const smoke = callActivity(context, ACTIVITIES.runSmokeTest, 'cql', { plan, probeId: operationId } satisfies SmokeTestInput);
  const results = ((yield context.df.Task.all([...records, keyspaces, smoke])) as Result<void>[]).slice(records.length);
  const failed = firstFailure(results);
  if (failed) return fail(failed);
  yield recordProgress(context, { operationId, step: 'harden', status: 'Succeeded', stepPercent: 100, operationPercent: 90 });
  return ok(undefined);
}
