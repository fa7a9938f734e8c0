import type { DatacenterPartInput, PeeringInput } from '../contracts/activity-io.js';
import { fail, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { createResourceGroupActivities } from './resource-group-activities.js';
import { ownerOf } from './owner-of.js';

/** Resource group, NSG, VNet, peering, load balancer and availability set activities (PUT semantics). */
export function createNetworkActivities(deps: ActivityDeps) {
  const { arm } = deps;
  /** Runs `work` on the named part of the DC; a name the plan lacks is a permanent failure. */
  const withPart = <T extends { name: string }>(list: T[], name: string | undefined, what: string,
    work: (part: T) => Promise<Result<void>>): Promise<Result<void>> => {
    const found = list.find((item) => item.name === name);
    if (found) return work(found);
    return Promise.resolve(fail({ code: 'CASSOPS_ARM_FAILED', message: `${what} ${name}: not in the plan` }));
  };
  return {
    ...createResourceGroupActivities(deps),
    createOrUpdateNsg: (i: DatacenterPartInput): Promise<Result<void>> =>
      withPart(i.dc.nsgs, i.partName, 'NSG', (nsg) => arm.ensureNsg(i.dc, nsg, ownerOf(i))),
    createOrUpdateAvailabilitySet: (i: DatacenterPartInput): Promise<Result<void>> =>
      withPart(i.dc.availabilitySets, i.partName, 'availability set', (set) => arm.ensureAvailabilitySet(i.dc, set, ownerOf(i))),
    createOrUpdateVnet: (i: DatacenterPartInput): Promise<Result<void>> => arm.ensureVnet(i.dc, ownerOf(i)),
    createOrUpdateLoadBalancer: (i: DatacenterPartInput): Promise<Result<void>> => arm.ensureLoadBalancer(i.dc, ownerOf(i)),
    createOrUpdatePeering: (i: PeeringInput): Promise<Result<void>> => arm.ensurePeering(i.peering),
    deletePeering: (i: PeeringInput): Promise<Result<void>> => arm.deletePeering(i.peering),
  };
}
