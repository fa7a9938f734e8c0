import { ACTIVITIES } from '../contracts/names.js';
import type { ClusterCqlInput, DeployPhaseInput, HardenAuthInput } from '../contracts/activity-io.js';
import type { Result } from '../errors/result.js';
import { callActivity } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * Hardens a joined cluster: system keyspaces on NetworkTopologyStrategy with the planned RF per
 * DC and a generated superuser in place of the default `cassandra` login (when the spec enables
 * authentication), then the spec's keyspaces, created with the login hardenAuth left.
 */
export function* hardenCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { plan } = context.df.getInput<DeployPhaseInput>();
  if (plan.authentication) {
    const auth = (yield callActivity(context, ACTIVITIES.hardenAuth, 'cql', { plan } satisfies HardenAuthInput)) as Result<void>;
    if (!auth.ok) return auth;
  }
  return (yield callActivity(context, ACTIVITIES.createKeyspaces, 'cql', { plan } satisfies ClusterCqlInput)) as Result<void>;
}
