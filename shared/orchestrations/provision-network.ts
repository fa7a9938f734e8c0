import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { CreateResourceGroupInput, DeployPhaseInput } from '../contracts/activity-io.js';
import { fail, ok, type Result } from '../errors/result.js';
import { callActivity, callSub, firstFailure } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import type { ProvisionDatacenterInput } from './provision-datacenter.js';

/**
 * The cluster's resource groups first, each once (DCs may share one, and two PUTs of one group
 * would race), in parallel; then every DC's network in parallel, each its own sub-orchestration
 * so one slow DC does not hold the others' later steps. The peerings between DCs are not here:
 * provisionPeerings creates them beside the NICs and VMs, which need only their own DC's subnet.
 */
export function* provisionNetwork(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { plan } = context.df.getInput<DeployPhaseInput>();
  const groups = plan.resourceGroups.map((g) => callActivity(context, ACTIVITIES.createOrUpdateResourceGroup, 'arm',
    { clusterName: plan.clusterName, ...g, tags: plan.tags } satisfies CreateResourceGroupInput));
  const refused = firstFailure((yield context.df.Task.all(groups)) as Result<void>[]);
  if (refused) return fail(refused);
  const dcs = plan.datacenters.map((dc) => callSub(context, ORCHESTRATIONS.provisionDatacenter,
    { clusterName: plan.clusterName, dc, tags: plan.tags } satisfies ProvisionDatacenterInput, `dc-${dc.name}`));
  const failed = firstFailure((yield context.df.Task.all(dcs)) as Result<void>[]);
  return failed ? fail(failed) : ok(undefined);
}
