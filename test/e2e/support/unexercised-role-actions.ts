/**
 * Actions of the Cluster Manager role the end-to-end scenarios do not take, each with why: the
 * role holds them for paths of the product the local specs leave out. The final e2e check fails
 * once one of them is recorded after all, or leaves the role. test/integration/adapters/
 * cluster-manager-role.test.ts takes those paths through the product's adapters and checks these
 * very actions are needed there.
 */
export const UNEXERCISED_ROLE_ACTIONS: Readonly<Record<string, string>> = {
  'Microsoft.Network/loadBalancers/write': 'network.internalLoadBalancer: the e2e specs leave it off',
  'Microsoft.Network/loadBalancers/read': 'network.internalLoadBalancer (the SDK reads the LB back after its PUT): off in the e2e specs',
  'Microsoft.Network/loadBalancers/delete': 'network.internalLoadBalancer (deleting the group deletes the LB): off in the e2e specs',
  'Microsoft.Network/loadBalancers/backendAddressPools/join/action': 'network.internalLoadBalancer (NICs join its pool): off in the e2e specs',
  'Microsoft.Compute/availabilitySets/write': 'placement mode availabilitySet: the e2e specs place racks in zones (the default)',
  'Microsoft.Compute/availabilitySets/read': 'placement mode availabilitySet (a VM names its set): the e2e specs use zones',
  'Microsoft.Compute/availabilitySets/delete': 'placement mode availabilitySet (deleting the group deletes the set): the e2e specs use zones',
};
