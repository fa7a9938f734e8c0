import type { KeyspacePlan, LoadBalancerPlan, NsgRulePlan, PeeringPlan } from '../domain/topology/cluster-plan.js';

export type { KeyspacePlan, NsgRulePlan, PeeringPlan } from '../domain/topology/cluster-plan.js';

/**
 * What a deployment needs, fully decided before the orchestration starts: names, addresses,
 * rules and rendered cloud-init, flattened from the domain's ClusterPlan by toDeploymentPlan.
 * The orchestration input is therefore self-contained and replays identically.
 */
export interface SubnetPlan {
  name: string;
  addressPrefix: string;
  nsgName?: string;
}

export interface DatacenterPlan {
  name: string;
  location: string;
  resourceGroup: string;
  vnetName: string;
  addressSpace: string[];
  subnets: SubnetPlan[];
  nsgs: { name: string; rules: NsgRulePlan[] }[];
  loadBalancer?: LoadBalancerPlan & { subnetName: string };
  availabilitySets: { name: string; faultDomainCount: number; updateDomainCount: number }[];
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

/** The VM settings shared by every node. */
export interface VmProfilePlan {
  adminUsername: string;
  /** Absent when the app's configured deployment key is to be used. */
  sshPublicKey?: string;
  osImage: { publisher: string; offer: string; sku: string; version: string };
  dataDiskSku: string;
  dataDiskCaching: 'ReadOnly' | 'None';
}

export interface DeploymentPlan {
  clusterName: string;
  /** PasswordAuthenticator on: harden replaces the default login with a generated superuser. */
  authentication: boolean;
  tags: Record<string, string>;
  vm: VmProfilePlan;
  datacenters: DatacenterPlan[];
  peerings: PeeringPlan[];
  /** Nodes sorted by `joinOrder`. */
  nodes: NodePlan[];
  keyspaces: KeyspacePlan[];
  /** RF per DC for system_auth, system_distributed and system_traces. */
  systemReplication: Record<string, number>;
  /** Every resource group the cluster owns: deleting them removes every resource, and only those. */
  resourceGroups: { name: string; location: string }[];
}
