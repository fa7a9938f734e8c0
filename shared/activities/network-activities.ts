import type { DatacenterPartInput, PeeringInput, ResourceGroupInput } from '../contracts/activity-io.js';
import { fail, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';

/** Resource group, NSG, VNet, peering, load balancer and availability set activities (PUT semantics). */
export function createNetworkActivities({ arm }: ActivityDeps) {
  /** Runs `work` on the named part of the DC; a name the plan lacks is a permanent failure. */
  const withPart = <T extends { name: string }>(list: T[], name: string | undefined, what: string,
    work: (part: T) => Promise<Result<void>>): Promise<Result<void>> => {
    const found = list.find((item) => item.name === name);
    if (found) return work(found);
    return Promise.resolve(fail({ code: 'CASSOPS_ARM_FAILED', message: `${what} ${name}: not in the plan` }));
  };
  return {
    createOrUpdateResourceGroup: (i: ResourceGroupInput): Promise<Result<void>> => arm.ensureResourceGroup(i.name, i.location, i.clusterName),
    createOrUpdateNsg: (i: DatacenterPartInput): Promise<Result<void>> =>
      withPart(i.dc.nsgs, i.partName, 'NSG', (nsg) => arm.ensureNsg(i.dc, nsg, i.clusterName)),
    createOrUpdateAvailabilitySet: (i: DatacenterPartInput): Promise<Result<void>> =>
      withPart(i.dc.availabilitySets, i.partName, 'availability set', (set) => arm.ensureAvailabilitySet(i.dc, set, i.clusterName)),
    createOrUpdateVnet: (i: DatacenterPartInput): Promise<Result<void>> => arm.ensureVnet(i.dc, i.clusterName),
    createOrUpdateLoadBalancer: (i: DatacenterPartInput): Promise<Result<void>> => arm.ensureLoadBalancer(i.dc, i.clusterName),
    createOrUpdatePeering: (i: PeeringInput): Promise<Result<void>> => arm.ensurePeering(i.peering),
    deleteResourceGroup: (i: ResourceGroupInput): Promise<Result<void>> => arm.deleteResourceGroup(i.name),
  };
}
