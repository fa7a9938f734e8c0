import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { DeployPhaseInput } from '../contracts/activity-io.js';
import { fail, ok, type Result } from '../errors/result.js';
import { callActivity, callSub, firstFailure, type Orchestration, type OrchestrationContextLike } from './orchestration-kit.js';
import type { ProvisionDatacenterInput } from './provision-datacenter.js';

/**
 * The cluster's network: every DC in parallel (each its own sub-orchestration, so one slow DC
 * does not hold the others' later steps), then the peerings between every pair of DCs, which
 * need both VNets.
 */
export function* provisionNetwork(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { plan } = context.df.getInput<DeployPhaseInput>();
  const dcs = plan.datacenters.map((dc) => callSub(context, ORCHESTRATIONS.provisionDatacenter,
    { clusterName: plan.clusterName, dc } satisfies ProvisionDatacenterInput, `dc-${dc.name}`));
  const dcFailure = firstFailure((yield context.df.Task.all(dcs)) as Result<void>[]);
  if (dcFailure) return fail(dcFailure);
  if (plan.peerings.length === 0) return ok(undefined);
  const peerings = plan.peerings.map((peering) => callActivity(context, ACTIVITIES.createOrUpdatePeering, 'arm', { peering }));
  const peeringFailure = firstFailure((yield context.df.Task.all(peerings)) as Result<void>[]);
  return peeringFailure ? fail(peeringFailure) : ok(undefined);
}
