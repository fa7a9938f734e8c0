import { addressAt, addressCount, mustParseIpv4Cidr } from '../net/ipv4-cidr.js';
import type { ClusterSpec, DatacenterSpec } from '../spec/cluster-spec-schema.js';
import { azureNames } from './azure-names.js';
import type { DatacenterPlan, LoadBalancerPlan, NodePlan, PlacementPlan } from './cluster-plan.js';
import { planNsgs } from './plan-nsg-rules.js';

/**
 * The smallest route-based VPN gateway SKU Azure still creates: the non-AZ VpnGw1 is retired for
 * new gateways, and the AZ SKU also runs in regions without zones. Enough for a cluster's
 * cross-region gossip and replication at 650 Mbit/s aggregate.
 */
export const VPN_GATEWAY_SKU = 'VpnGw1AZ';

/** Azure keeps .0 (network), .1 (gateway), .2 and .3 (DNS): the first node gets offset 4. */
const FIRST_NODE_OFFSET = 4;
/** At most three seeds per DC: more slow gossip convergence and add nothing. */
const MAX_SEEDS_PER_DC = 3;

/**
 * Plans one DC without the join order (which is cluster-wide). Node k sits on rack k mod racks
 * at data-subnet offset 4 + k, so adding nodes never renames or re-addresses existing ones; the
 * first `seeds` nodes are the seeds, which puts each on a distinct rack. The first
 * `initialNodes` nodes (at most the DC's count) are the ones that boot with the cluster.
 */
export function planDatacenter(spec: ClusterSpec, dc: DatacenterSpec, initialNodes: number): DatacenterPlan {
  const cluster = spec.cluster.name;
  const resourceGroup = dc.resourceGroup ?? spec.azure.resourceGroup ?? azureNames.resourceGroup(cluster, dc.name);
  const racks = Array.from({ length: dc.racks }, (_, i) => azureNames.rack(i));
  const placement = planPlacement(cluster, dc, racks);
  const seedCount = Math.min(dc.seeds ?? MAX_SEEDS_PER_DC, dc.racks, MAX_SEEDS_PER_DC);
  const initial = Math.min(initialNodes, dc.nodes);
  const nodes = Array.from({ length: dc.nodes }, (_, k) =>
    planNode(spec, dc, { k, resourceGroup, placement, isSeed: k < seedCount, initial: k < initial }));
  const [nsgData, nsgApp] = planNsgs(spec, dc);
  const gateway = dc.network.gatewaySubnet;
  return {
    name: dc.name,
    location: dc.region,
    resourceGroup,
    vnet: { name: azureNames.vnet(cluster, dc.name), addressSpace: dc.network.addressSpace },
    subnets: {
      data: { name: azureNames.dataSubnet(), addressPrefix: dc.network.dataSubnet, nsgName: nsgData?.name },
      app: { name: azureNames.appSubnet(), addressPrefix: dc.network.appSubnet, nsgName: nsgApp?.name },
      ...(gateway === undefined ? {} : { gateway: { name: azureNames.gatewaySubnet(), addressPrefix: gateway } }),
    },
    nsgs: [nsgData, nsgApp].filter((nsg) => nsg !== undefined),
    ...(spec.network.internalLoadBalancer ? { loadBalancer: planLoadBalancer(cluster, dc) } : {}),
    ...(spec.network.interRegionLink === 'vpnGateway'
      ? { vpnGateway: { name: azureNames.vpnGateway(cluster, dc.name), publicIpName: azureNames.vpnGatewayIp(cluster, dc.name), sku: VPN_GATEWAY_SKU } }
      : {}),
    placement,
    racks,
    seeds: nodes.filter((node) => node.isSeed).map((node) => node.name),
    initialNodes: initial,
    nodes,
  };
}

function planNode(
  spec: ClusterSpec,
  dc: DatacenterSpec,
  at: { k: number; resourceGroup: string; placement: PlacementPlan; isSeed: boolean; initial: boolean },
): NodePlan {
  const name = azureNames.node(spec.cluster.name, dc.name, at.k);
  const rack = azureNames.rack(at.k % dc.racks);
  const subnet = mustParseIpv4Cidr(dc.network.dataSubnet);
  return {
    name,
    dc: dc.name,
    rack,
    ordinal: at.k,
    ...(at.placement.mode === 'zones' ? { zone: at.placement.zonesByRack[rack] } : { faultDomain: at.placement.faultDomainsByRack[rack] }),
    privateIp: addressAt(subnet, FIRST_NODE_OFFSET + at.k),
    isSeed: at.isSeed,
    initial: at.initial,
    joinOrder: -1,
    resourceGroup: at.resourceGroup,
    location: dc.region,
    vmName: azureNames.vm(name),
    vmSize: dc.vmSize ?? spec.azure.vmSize,
    nicName: azureNames.nic(name),
    osDiskName: azureNames.osDisk(name),
    dataDiskName: azureNames.dataDisk(name),
    dataDiskLun: spec.azure.dataDisk.lun,
  };
}

function planPlacement(cluster: string, dc: DatacenterSpec, racks: string[]): PlacementPlan {
  if (dc.placement.mode === 'zones') {
    const zones = dc.placement.zones;
    return { mode: 'zones', zonesByRack: Object.fromEntries(racks.map((rack, i) => [rack, zones[i % zones.length] ?? '1'])) };
  }
  const faultDomainCount = dc.placement.faultDomains;
  return {
    mode: 'availabilitySet',
    availabilitySetName: azureNames.availabilitySet(cluster, dc.name),
    faultDomainCount,
    updateDomainCount: 5,
    faultDomainsByRack: Object.fromEntries(racks.map((rack, i) => [rack, i % faultDomainCount])),
  };
}

function planLoadBalancer(cluster: string, dc: DatacenterSpec): LoadBalancerPlan {
  const subnet = mustParseIpv4Cidr(dc.network.dataSubnet);
  // The frontend takes the last usable address, so nodes growing from the bottom never collide.
  const name = azureNames.loadBalancer(cluster, dc.name);
  return {
    name,
    frontendName: 'cql-frontend',
    frontendIp: addressAt(subnet, addressCount(subnet) - 2),
    backendPoolName: 'cassandra-nodes',
    probeName: 'cql-probe',
    ruleName: 'cql',
    port: 9042,
  };
}
