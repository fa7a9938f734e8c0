import { ACTIVITIES } from '../contracts/names.js';
import type { ClusterCqlInput, DeployPhaseInput, HardenAuthInput, SmokeTestInput } from '../contracts/activity-io.js';
import type { Result } from '../errors/result.js';
import { callActivity, recordProgress, type Orchestration, type OrchestrationContextLike } from './orchestration-kit.js';

/**
 * Hardens a joined cluster, then proves it: system keyspaces on NetworkTopologyStrategy with the
 * planned RF per DC and a generated superuser in place of the default `cassandra` login (when the
 * spec enables authentication), the spec's keyspaces, and a smoke test (EACH_QUORUM write,
 * LOCAL_QUORUM read in every DC).
 */
export function* hardenCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operationId, plan } = context.df.getInput<DeployPhaseInput>();
  if (plan.authentication) {
    const auth = (yield callActivity(context, ACTIVITIES.hardenAuth, 'cql', { plan } satisfies HardenAuthInput)) as Result<void>;
    if (!auth.ok) return auth;
    yield recordProgress(context, { operationId, step: 'harden', status: 'Running', stepPercent: 50, operationPercent: 85,
      message: 'system keyspaces replicated per DC, superuser created, default login disabled' });
  }
  const keyspaces = (yield callActivity(context, ACTIVITIES.createKeyspaces, 'cql', { plan } satisfies ClusterCqlInput)) as Result<void>;
  if (!keyspaces.ok) return keyspaces;
  yield recordProgress(context, { operationId, step: 'harden', status: 'Succeeded', stepPercent: 100, operationPercent: 90 });
  yield recordProgress(context, { operationId, step: 'smokeTest', status: 'Running', stepPercent: 0, operationPercent: 90 });
  const smoke: SmokeTestInput = { plan, probeId: operationId };
  return (yield callActivity(context, ACTIVITIES.runSmokeTest, 'cql', smoke)) as Result<void>;
}
