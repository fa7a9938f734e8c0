import { azureNames } from './azure-names.js';
import type { DatacenterPlan, PeeringPlan, VpnConnectionPlan } from './cluster-plan.js';

/** Every ordered pair of distinct DCs: each link needs a resource on both sides. */
function orderedPairs(dcs: DatacenterPlan[]): [DatacenterPlan, DatacenterPlan][] {
  return dcs.flatMap((from) => dcs.filter((to) => to !== from).map((to): [DatacenterPlan, DatacenterPlan] => [from, to]));
}

/** Global VNet peerings, both directions for every pair of DCs. */
export function planPeerings(cluster: string, dcs: DatacenterPlan[]): PeeringPlan[] {
  return orderedPairs(dcs).map(([from, to]) => ({
    name: azureNames.peering(cluster, from.name, to.name),
    fromDc: from.name,
    toDc: to.name,
    resourceGroup: from.resourceGroup,
    vnetName: from.vnet.name,
    remoteResourceGroup: to.resourceGroup,
    remoteVnetName: to.vnet.name,
  }));
}

/** VNet-to-VNet VPN connections, both directions for every pair of DCs that have gateways. */
export function planVpnConnections(cluster: string, dcs: DatacenterPlan[]): VpnConnectionPlan[] {
  return orderedPairs(dcs).flatMap(([from, to]) => {
    if (from.vpnGateway === undefined || to.vpnGateway === undefined) return [];
    return [{
      name: azureNames.vpnConnection(cluster, from.name, to.name),
      fromDc: from.name,
      toDc: to.name,
      resourceGroup: from.resourceGroup,
      location: from.location,
      gatewayName: from.vpnGateway.name,
      remoteResourceGroup: to.resourceGroup,
      remoteGatewayName: to.vpnGateway.name,
    }];
  });
}
