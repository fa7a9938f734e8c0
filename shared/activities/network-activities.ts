import type { DatacenterPartInput, PeeringInput, ResourceGroupInput } from '../contracts/activity-io.js';
import type { Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { armActivity } from './arm-activity.js';

/** Resource group, NSG, VNet, peering, load balancer and availability set activities (PUT semantics). */
export function createNetworkActivities({ arm }: ActivityDeps) {
  const part = <T extends { name: string }>(list: T[], name: string | undefined, what: string): T => {
    const found = list.find((item) => item.name === name);
    if (!found) throw new TypeError(`${what} '${name}' is not in the plan`);
    return found;
  };
  return {
    createOrUpdateResourceGroup: (i: ResourceGroupInput): Promise<Result<void>> =>
      armActivity(`resource group ${i.name}`, () => arm.ensureResourceGroup(i.name, i.location, i.clusterName)),
    createOrUpdateNsg: (i: DatacenterPartInput): Promise<Result<void>> =>
      armActivity(`NSG ${i.partName}`, () => arm.ensureNsg(i.dc, part(i.dc.nsgs, i.partName, 'NSG'), i.clusterName)),
    createOrUpdateAvailabilitySet: (i: DatacenterPartInput): Promise<Result<void>> =>
      armActivity(`availability set ${i.partName}`, () => arm.ensureAvailabilitySet(i.dc, part(i.dc.availabilitySets, i.partName, 'availability set'), i.clusterName)),
    createOrUpdateVnet: (i: DatacenterPartInput): Promise<Result<void>> =>
      armActivity(`VNet ${i.dc.vnetName}`, () => arm.ensureVnet(i.dc, i.clusterName)),
    createOrUpdateLoadBalancer: (i: DatacenterPartInput): Promise<Result<void>> =>
      armActivity(`load balancer ${i.dc.loadBalancer?.name}`, () => arm.ensureLoadBalancer(i.dc, i.clusterName)),
    createOrUpdatePeering: (i: PeeringInput): Promise<Result<void>> =>
      armActivity(`peering ${i.peering.name}`, () => arm.ensurePeering(i.peering)),
    deleteResourceGroup: (i: ResourceGroupInput): Promise<Result<void>> =>
      armActivity(`delete resource group ${i.name}`, () => arm.deleteResourceGroup(i.name)),
  };
}
