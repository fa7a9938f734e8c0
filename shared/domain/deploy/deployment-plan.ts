import type { KeyspacePlan, LoadBalancerPlan, NsgRulePlan, PeeringPlan, VpnConnectionPlan } from '../topology/cluster-plan.js';

// The deployment's flattened plan. Its types are named Deployment* (not *Plan) so they cannot be
// confused with the topology's ClusterPlan, DeploymentNode and DeploymentDatacenter they are made from.

/** A subnet of a deployment's VNet. */
export interface DeploymentSubnet {
  name: string;
  addressPrefix: string;
  nsgName?: string;
}

/** One datacenter's network resources, as ARM creates them. */
export interface DeploymentDatacenter {
  name: string;
  location: string;
  resourceGroup: string;
  vnetName: string;
  addressSpace: string[];
  subnets: DeploymentSubnet[];
  nsgs: { name: string; rules: NsgRulePlan[] }[];
  loadBalancer?: LoadBalancerPlan & { subnetName: string };
  availabilitySets: { name: string; faultDomainCount: number; updateDomainCount: number }[];
}

/** One DC's VPN gateway, with its public IP, in the DC's GatewaySubnet (interRegionLink vpnGateway). */
export interface DeploymentVpnGateway {
  dc: string;
  name: string;
  publicIpName: string;
  ipConfigName: string;
  sku: string;
  resourceGroup: string;
  location: string;
  vnetName: string;
  subnetName: string;
}

/** One node with everything its NIC and VM need. */
export interface DeploymentNode {
  name: string;
  dc: string;
  rack: string;
  privateIp: string;
  isSeed: boolean;
  /** Boots with the cluster from planned tokens (NodePlan.initial). */
  initial: boolean;
  /** A restored cluster's node: the tokens of the backed-up node whose files it loads (initial_token, no bootstrap). */
  tokens?: string[];
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
}

/** The VM settings shared by every node. */
export interface VmProfile {
  adminUsername: string;
  /** Absent when the app's configured deployment key is to be used. */
  sshPublicKey?: string;
  osImage: { publisher: string; offer: string; sku: string; version: string };
  dataDiskSku: string;
  dataDiskCaching: 'ReadOnly' | 'None';
}

/**
 * What a deployment needs, fully decided before the orchestration starts: names, addresses and
 * rules, flattened from the domain's ClusterPlan by toDeploymentPlan. It holds nothing rendered
 * per node (each VM's cloud-init is rendered by the activity that creates it), so the stored
 * record and the orchestration input grow by a few hundred bytes a node, never by a document.
 */
export interface DeploymentPlan {
  clusterName: string;
  /** cluster_name in cassandra.yaml: the join probe checks it, so a stranger at a planned address is not taken for a node. */
  cassandraClusterName: string;
  /** PasswordAuthenticator on: harden replaces the default login with a generated superuser. */
  authentication: boolean;
  tags: Record<string, string>;
  vm: VmProfile;
  datacenters: DeploymentDatacenter[];
  peerings: PeeringPlan[];
  /**
   * interRegionLink vpnGateway: a gateway per DC and a VNet-to-VNet connection each way between
   * every pair (their shared key lives in the secret store, never here). Absent in plans stored
   * before gateways were deployed, which all link by peering.
   */
  vpnGateways?: DeploymentVpnGateway[];
  vpnConnections?: VpnConnectionPlan[];
  /** Nodes sorted by `joinOrder`. */
  nodes: DeploymentNode[];
  keyspaces: KeyspacePlan[];
  /** RF per DC for system_auth, system_distributed and system_traces. */
  systemReplication: Record<string, number>;
  /** Every resource group the cluster owns: deleting them removes every resource, and only those. */
  resourceGroups: { name: string; location: string }[];
}

/**
 * What activities acting on one node or over CQL need to know of their cluster, instead of the
 * whole plan: their inputs then stay the same size however many nodes the cluster has.
 */
export interface ClusterRef {
  clusterName: string;
  /** cluster_name in cassandra.yaml, which the join probe checks. */
  cassandraClusterName: string;
  /** PasswordAuthenticator on: sessions log in (default login before hardening, the superuser after). */
  authentication: boolean;
}

/** Where a cluster-level CQL session connects in one DC (a bounded list; see planCqlContact). */
export interface CqlContact {
  dc: string;
  contactPoints: string[];
}

/** The ClusterRef of a plan. */
export function clusterRefOf(plan: DeploymentPlan): ClusterRef {
  return { clusterName: plan.clusterName, cassandraClusterName: plan.cassandraClusterName, authentication: plan.authentication };
}
