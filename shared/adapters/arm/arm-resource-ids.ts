/** ARM resource ids the product builds references from (deterministic, from planned names). */
export function networkId(subscriptionId: string, resourceGroup: string, type: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/${type}/${name}`;
}

/** The id of a subnet inside a virtual network. */
export function subnetId(subscriptionId: string, resourceGroup: string, vnet: string, subnet: string): string {
  return `${networkId(subscriptionId, resourceGroup, 'virtualNetworks', vnet)}/subnets/${subnet}`;
}

/** The id of a compute resource (availability sets, VMs). */
export function computeId(subscriptionId: string, resourceGroup: string, type: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/${type}/${name}`;
}
