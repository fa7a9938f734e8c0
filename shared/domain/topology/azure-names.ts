/**
 * The tag the product puts on every resource it creates, valued with the cluster's name: how it
 * tells its own resource groups from anyone else's (Azure compares tag names case-insensitively).
 */
export const CLUSTER_TAG = 'autopilot-cluster';

/**
 * Deterministic Azure resource names. Activities create resources by these names with PUT
 * semantics, so a name must depend only on the cluster, the DC and the node's ordinal: never on
 * counts that grow, or adding a node would rename existing ones.
 */
export const azureNames = {
  resourceGroup: (cluster: string, dc: string) => `rg-${cluster}-${dc}`,
  vnet: (cluster: string, dc: string) => `vnet-${cluster}-${dc}`,
  dataSubnet: () => 'snet-data',
  appSubnet: () => 'snet-app',
  /** Azure requires exactly this name for a VPN gateway's subnet. */
  gatewaySubnet: () => 'GatewaySubnet',
  nsg: (cluster: string, dc: string, role: 'data' | 'app') => `nsg-${cluster}-${dc}-${role}`,
  loadBalancer: (cluster: string, dc: string) => `lbi-${cluster}-${dc}`,
  availabilitySet: (cluster: string, dc: string) => `avail-${cluster}-${dc}`,
  vpnGateway: (cluster: string, dc: string) => `vgw-${cluster}-${dc}`,
  vpnGatewayIp: (cluster: string, dc: string) => `pip-vgw-${cluster}-${dc}`,
  vpnConnection: (cluster: string, from: string, to: string) => `con-${cluster}-${from}-to-${to}`,
  /** The gateway's one IP configuration (Azure names it in the gateway's body). */
  vpnGatewayIpConfig: () => 'vgw-ipconfig',
  peering: (cluster: string, from: string, to: string) => `peer-${cluster}-${from}-to-${to}`,
  /** Fixed three-digit ordinals: padding that grew with the node count would rename nodes. */
  node: (cluster: string, dc: string, ordinal: number) => `${cluster}-${dc}-${String(ordinal + 1).padStart(3, '0')}`,
  vm: (node: string) => `vm-${node}`,
  nic: (node: string) => `nic-${node}`,
  osDisk: (node: string) => `osdisk-${node}`,
  dataDisk: (node: string) => `disk-${node}-data`,
  rack: (index: number) => `rack${index + 1}`,
} as const;
