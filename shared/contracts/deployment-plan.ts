/**
 * What a deployment needs, fully decided before the orchestration starts: names, addresses,
 * rules and rendered cloud-init. Built by `toDeploymentPlan` from the domain's ClusterPlan so the
 * orchestration input is self-contained and replays identically.
 */
export interface NsgRulePlan {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: 'Tcp' | 'Udp' | '*';
  sourceAddressPrefix: string;
  destinationAddressPrefix: string;
  destinationPortRange: string;
}

export interface SubnetPlan {
  name: string;
  addressPrefix: string;
  nsgName: string;
}

export interface DatacenterPlan {
  name: string;
  location: string;
  resourceGroup: string;
  vnetName: string;
  addressSpace: string[];
  subnets: SubnetPlan[];
  nsgs: { name: string; rules: NsgRulePlan[] }[];
  loadBalancer?: { name: string; subnetName: string; privateIp: string };
  availabilitySets: { name: string; faultDomainCount: number; updateDomainCount: number }[];
}

export interface PeeringPlan {
  name: string;
  resourceGroup: string;
  vnetName: string;
  remoteResourceGroup: string;
  remoteVnetName: string;
}

export interface NodePlan {
  name: string;
  dc: string;
  rack: string;
  privateIp: string;
  isSeed: boolean;
  joinOrder: number;
  resourceGroup: string;
  location: string;
  vnetName: string;
  subnetName: string;
  nicName: string;
  vmName: string;
  vmSize: string;
  zone?: string;
  availabilitySetName?: string;
  osDiskName: string;
  dataDisks: { name: string; lun: number; sizeGb: number }[];
  /** cloud-init, base64, exactly as `osProfile.customData` takes it. */
  customData: string;
}

export interface KeyspacePlan {
  name: string;
  /** Replication factor per DC name. */
  replication: Record<string, number>;
}

export interface DeploymentPlan {
  clusterName: string;
  target: 'azure' | 'local';
  datacenters: DatacenterPlan[];
  peerings: PeeringPlan[];
  /** Nodes sorted by `joinOrder`. */
  nodes: NodePlan[];
  keyspaces: KeyspacePlan[];
  /** Every resource group the cluster owns: deleting them removes every resource, and only those. */
  resourceGroups: { name: string; location: string }[];
}
