// The plan is stored in Table storage and returned by the API, so every type here is plain,
// JSON-serialisable data: no classes, no Maps, no undefined inside arrays.

/** One NSG security rule, with the property names the Azure network SDK uses. */
export interface NsgRulePlan {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: 'Tcp' | '*';
  sourceAddressPrefixes: string[];
  sourcePortRange: '*';
  destinationAddressPrefixes: string[];
  destinationPortRanges: string[];
  description: string;
}

/** A network security group and the subnet role it is attached to. */
export interface NsgPlan {
  name: string;
  subnet: 'data' | 'app';
  rules: NsgRulePlan[];
}

/** A subnet of a DC's VNet. */
export interface SubnetPlan {
  name: string;
  addressPrefix: string;
  nsgName?: string;
}

/** The internal Standard load balancer that gives clients one CQL contact point per DC. */
export interface LoadBalancerPlan {
  name: string;
  frontendName: string;
  frontendIp: string;
  backendPoolName: string;
  probeName: string;
  ruleName: string;
  port: 9042;
}

/** How a DC's racks map onto Azure's failure domains. */
export type PlacementPlan =
  | { mode: 'zones'; zonesByRack: Record<string, string> }
  | { mode: 'availabilitySet'; availabilitySetName: string; faultDomainCount: number; updateDomainCount: number; faultDomainsByRack: Record<string, number> };

/** One Cassandra node and the Azure resources that carry it. */
export interface NodePlan {
  name: string;
  dc: string;
  rack: string;
  /** The node's position within its DC, from 0; names and addresses derive from it. */
  ordinal: number;
  zone?: string;
  faultDomain?: number;
  privateIp: string;
  isSeed: boolean;
  /**
   * Boots with the cluster: planner-assigned tokens (planNodeTokens) and no bootstrap, so the
   * initial nodes can start together. False for a node added to a running ring, which bootstraps.
   */
  initial: boolean;
  /** Position in the cluster-wide join order, from 0. */
  joinOrder: number;
  resourceGroup: string;
  location: string;
  vmName: string;
  vmSize: string;
  nicName: string;
  osDiskName: string;
  dataDiskName: string;
  dataDiskLun: number;
}

/** A VPN gateway of a DC when the regions are linked by VPN instead of peering. */
export interface VpnGatewayPlan {
  name: string;
  publicIpName: string;
  /** The gateway SKU (an AZ SKU: Azure creates no new non-AZ VPN gateways). */
  sku: string;
}

/** One datacenter: its network, placement and nodes. */
export interface DatacenterPlan {
  name: string;
  location: string;
  resourceGroup: string;
  vnet: { name: string; addressSpace: string };
  subnets: { data: SubnetPlan; app: SubnetPlan; gateway?: SubnetPlan };
  nsgs: NsgPlan[];
  loadBalancer?: LoadBalancerPlan;
  vpnGateway?: VpnGatewayPlan;
  placement: PlacementPlan;
  racks: string[];
  seeds: string[];
  /** Nodes the DC had at its first boot (ordinals below this are `initial`); its tokens derive from it. */
  initialNodes: number;
  nodes: NodePlan[];
}

/** One direction of a VNet peering (Azure needs one resource on each side). */
export interface PeeringPlan {
  name: string;
  fromDc: string;
  toDc: string;
  resourceGroup: string;
  vnetName: string;
  remoteResourceGroup: string;
  remoteVnetName: string;
}

/** One direction of a VNet-to-VNet VPN connection. The shared key is a secret kept outside the plan. */
export interface VpnConnectionPlan {
  name: string;
  fromDc: string;
  toDc: string;
  resourceGroup: string;
  location: string;
  gatewayName: string;
  remoteResourceGroup: string;
  remoteGatewayName: string;
}

/** A keyspace with its NetworkTopologyStrategy replication per DC. */
export interface KeyspacePlan {
  name: string;
  replication: Record<string, number>;
  durableWrites: boolean;
}

/** What a cluster spec means on Azure, node by node; deterministic for a given spec. */
export interface ClusterPlan {
  planVersion: 1;
  clusterName: string;
  cassandraClusterName: string;
  cassandraVersion: string;
  numTokens: number;
  consistencyLevel: string;
  authentication: boolean;
  jvm: { maxHeapMiB?: number; newHeapMiB?: number };
  subscriptionId: string;
  tags: Record<string, string>;
  vm: {
    adminUsername: string;
    sshPublicKey?: string;
    osImage: { publisher: string; offer: string; sku: string; version: string };
    dataDisk: { sizeGiB: number; sku: string; caching: 'ReadOnly' | 'None'; lun: number };
  };
  interRegionLink: 'globalVnetPeering' | 'vpnGateway';
  datacenters: DatacenterPlan[];
  peerings: PeeringPlan[];
  vpnConnections: VpnConnectionPlan[];
  /** Node names in the order they join: seeds first, then the rest, interleaved across racks. */
  joinOrder: string[];
  keyspaces: KeyspacePlan[];
  /** Replication for the system keyspaces that must be per-DC (auth, distributed, traces). */
  systemKeyspaces: KeyspacePlan[];
  schedules: { health: string; repair: string; snapshot: string; snapshotRetentionDays: number };
  /** Things that are valid but worth a second look (e.g. two racks sharing a zone). */
  warnings: string[];
}
