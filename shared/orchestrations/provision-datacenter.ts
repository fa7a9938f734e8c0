import type { Task } from 'durable-functions';
import { ACTIVITIES } from '../contracts/names.js';
import type { DatacenterPartInput, TaggedInput } from '../contracts/activity-io.js';
import type { DeploymentDatacenter } from '../domain/deploy/deployment-plan.js';
import { fail, type Result } from '../errors/result.js';
import { callActivity, firstFailure } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/** Input of provisionDatacenter. */
export interface ProvisionDatacenterInput extends TaggedInput {
  clusterName: string;
  dc: DeploymentDatacenter;
}

/**
 * One DC's network, in its resource group (provisionNetwork created it), in dependency order:
 * NSGs and availability sets (parallel) → VNet with its subnets (which reference the NSGs) →
 * internal load balancer (in a subnet). Returns the first permanent failure, with Azure's code,
 * as a value.
 */
export function* provisionDatacenter(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { clusterName, dc, tags } = context.df.getInput<ProvisionDatacenterInput>();
  const part = (partName?: string): DatacenterPartInput =>
    ({ clusterName, dc, ...(tags ? { tags } : {}), ...(partName ? { partName } : {}) });
  const parallel: Task[] = [
    ...dc.nsgs.map((n) => callActivity(context, ACTIVITIES.createOrUpdateNsg, 'arm', part(n.name))),
    ...dc.availabilitySets.map((s) => callActivity(context, ACTIVITIES.createOrUpdateAvailabilitySet, 'arm', part(s.name))),
  ];
  if (parallel.length > 0) {
    const failed = firstFailure((yield context.df.Task.all(parallel)) as Result<void>[]);
    if (failed) return fail(failed);
  }
  const vnet = (yield callActivity(context, ACTIVITIES.createOrUpdateVnet, 'arm', part())) as Result<void>;
  if (!vnet.ok || !dc.loadBalancer) return vnet;
  return (yield callActivity(context, ACTIVITIES.createOrUpdateLoadBalancer, 'arm', part())) as Result<void>;
}

