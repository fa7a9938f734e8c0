import type { ClusterPlan, DatacenterPlan, NodePlan } from '../topology/cluster-plan.js';
import { azureNames } from '../topology/azure-names.js';
import type { DeploymentDatacenter, DeploymentNode, DeploymentPlan, DeploymentVpnGateway } from './deployment-plan.js';

/**
 * Flattens a ClusterPlan into what the deployment orchestration consumes: nodes in join order
 * with everything each ARM call needs (but no rendered cloud-init: see renderNodeCloudInit). Pure.
 * Regions linked by VPN get their gateways and connections; by peering, only peerings.
 */
export function toDeploymentPlan(plan: ClusterPlan): DeploymentPlan {
  const order = new Map(plan.joinOrder.map((name, i) => [name, i]));
  const nodes = plan.datacenters.flatMap((dc) => dc.nodes.map((node) => toNode(plan, dc, node, order.get(node.name) ?? Number.MAX_SAFE_INTEGER)))
    .sort((a, b) => a.joinOrder - b.joinOrder);
  return {
    clusterName: plan.clusterName,
    cassandraClusterName: plan.cassandraClusterName,
    authentication: plan.authentication,
    tags: plan.tags,
    vm: { adminUsername: plan.vm.adminUsername, ...(plan.vm.sshPublicKey ? { sshPublicKey: plan.vm.sshPublicKey } : {}),
      osImage: plan.vm.osImage, dataDiskSku: plan.vm.dataDisk.sku, dataDiskCaching: plan.vm.dataDisk.caching },
    datacenters: plan.datacenters.map(toDatacenter),
    peerings: plan.peerings,
    ...(plan.interRegionLink === 'vpnGateway'
      ? { vpnGateways: plan.datacenters.flatMap(toVpnGateway), vpnConnections: plan.vpnConnections } : {}),
    nodes,
    keyspaces: plan.keyspaces,
    systemReplication: plan.systemKeyspaces[0]?.replication ?? {},
    resourceGroups: uniqueResourceGroups(plan.datacenters),
  };
}

/** Each group once (DCs may share one; ARM names compare case-insensitively), located as the first DC naming it. */
function uniqueResourceGroups(dcs: DatacenterPlan[]): DeploymentPlan['resourceGroups'] {
  const groups = new Map<string, { name: string; location: string }>();
  for (const dc of dcs) {
    const key = dc.resourceGroup.toLowerCase();
    if (!groups.has(key)) groups.set(key, { name: dc.resourceGroup, location: dc.location });
  }
  return [...groups.values()];
}

function toDatacenter(dc: DatacenterPlan): DeploymentDatacenter {
  const subnets = [dc.subnets.data, dc.subnets.app, ...(dc.subnets.gateway ? [dc.subnets.gateway] : [])];
  return {
    name: dc.name,
    location: dc.location,
    resourceGroup: dc.resourceGroup,
    vnetName: dc.vnet.name,
    addressSpace: [dc.vnet.addressSpace],
    subnets,
    nsgs: dc.nsgs.map((n) => ({ name: n.name, rules: n.rules })),
    ...(dc.loadBalancer ? { loadBalancer: { ...dc.loadBalancer, subnetName: dc.subnets.data.name } } : {}),
    availabilitySets: dc.placement.mode === 'availabilitySet'
      ? [{ name: dc.placement.availabilitySetName, faultDomainCount: dc.placement.faultDomainCount, updateDomainCount: dc.placement.updateDomainCount }]
      : [],
  };
}

/** The DC's gateway, in its GatewaySubnet (the spec check requires one whenever the link is a VPN). */
function toVpnGateway(dc: DatacenterPlan): DeploymentVpnGateway[] {
  if (!dc.vpnGateway || !dc.subnets.gateway) return [];
  return [{ dc: dc.name, name: dc.vpnGateway.name, publicIpName: dc.vpnGateway.publicIpName, ipConfigName: azureNames.vpnGatewayIpConfig(),
    sku: dc.vpnGateway.sku, resourceGroup: dc.resourceGroup, location: dc.location, vnetName: dc.vnet.name, subnetName: dc.subnets.gateway.name }];
}

function toNode(plan: ClusterPlan, dc: DatacenterPlan, node: NodePlan, joinOrder: number): DeploymentNode {
  return {
    name: node.name, dc: node.dc, rack: node.rack, privateIp: node.privateIp, isSeed: node.isSeed, initial: node.initial, joinOrder,
    resourceGroup: node.resourceGroup, location: node.location, vnetName: dc.vnet.name, subnetName: dc.subnets.data.name,
    nicName: node.nicName, vmName: node.vmName, vmSize: node.vmSize,
    ...(node.zone ? { zone: node.zone } : {}),
    ...(dc.placement.mode === 'availabilitySet' ? { availabilitySetName: dc.placement.availabilitySetName } : {}),
    osDiskName: node.osDiskName,
    dataDisks: [{ name: node.dataDiskName, lun: node.dataDiskLun, sizeGb: plan.vm.dataDisk.sizeGiB }],
  };
}
