import { ACTIVITIES } from '../contracts/names.js';
import type { CreateKeyspacesInput, DeployPhaseInput, HardenAuthInput } from '../contracts/activity-io.js';
import { clusterRefOf } from '../domain/deploy/deployment-plan.js';
import { planCqlContact } from '../domain/deploy/plan-cql-contact.js';
import { SMOKE_KEYSPACE } from '../domain/topology/plan-topology.js';
import type { Result } from '../errors/result.js';
import { callActivity } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * Hardens a joined cluster: system keyspaces on NetworkTopologyStrategy with the planned RF per
 * DC and a generated superuser in place of the default `cassandra` login (when the spec enables
 * authentication), then the spec's keyspaces and the smoke test's keyspace and table, created
 * with the login hardenAuth left in one round of schema agreement. (The smoke keyspace joined
 * that input later; a replay is unaffected, as it compares what is scheduled, not its input.)
 */
export function* hardenCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { plan } = context.df.getInput<DeployPhaseInput>();
  // Through the first DC: every statement here is cluster-wide.
  const cluster = clusterRefOf(plan);
  const contact = planCqlContact(plan, plan.datacenters[0]?.name ?? '');
  if (plan.authentication) {
    const auth = (yield callActivity(context, ACTIVITIES.hardenAuth, 'cql',
      { cluster, contact, systemReplication: plan.systemReplication } satisfies HardenAuthInput)) as Result<void>;
    if (!auth.ok) return auth;
  }
  return (yield callActivity(context, ACTIVITIES.createKeyspaces, 'cql',
    { cluster, contact, keyspaces: [{ name: SMOKE_KEYSPACE, replication: plan.systemReplication, durableWrites: true }, ...plan.keyspaces] } satisfies CreateKeyspacesInput)) as Result<void>;
}
