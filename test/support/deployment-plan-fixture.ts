import type { DatacenterPlan, DeploymentPlan, NodePlan } from '../../shared/contracts/deployment-plan.js';

/** A planned cluster with `dcs` DCs of `nodesPerDc` nodes (seeds first), for orchestration tests. */
export function deploymentPlanFixture(dcs = 2, nodesPerDc = 3, options: { loadBalancer?: boolean } = {}): DeploymentPlan {
  const datacenters: DatacenterPlan[] = [];
  const nodes: NodePlan[] = [];
  for (let d = 1; d <= dcs; d++) {
    const dc = `dc${d}`;
    const rg = `rg-c1-${dc}`;
    datacenters.push({ name: dc, location: 'local', resourceGroup: rg, vnetName: `vnet-${dc}`, addressSpace: [`127.${d}.0.0/16`],
      subnets: [{ name: 'cassandra', addressPrefix: `127.${d}.0.0/24`, nsgName: `nsg-${dc}` }],
      nsgs: [{ name: `nsg-${dc}`, rules: [] }],
      ...(options.loadBalancer ? { loadBalancer: { name: `lb-${dc}`, subnetName: 'cassandra', privateIp: `127.${d}.0.100` } } : {}),
      availabilitySets: [] });
    for (let n = 1; n <= nodesPerDc; n++) {
      nodes.push({ name: `c1-${dc}-n${n}`, dc, rack: `rack${n}`, privateIp: `127.${d}.0.${10 + n}`, isSeed: n === 1,
        joinOrder: 0, resourceGroup: rg, location: 'local', vnetName: `vnet-${dc}`, subnetName: 'cassandra',
        nicName: `nic-${dc}-${n}`, vmName: `vm-${dc}-${n}`, vmSize: 'Standard_D4s_v5', osDiskName: `os-${dc}-${n}`,
        dataDisks: [{ name: `data-${dc}-${n}`, lun: 0, sizeGb: 64 }], customData: 'I2Nsb3VkLWNvbmZpZw==' });
    }
  }
  // Seeds of every DC first, then the rest DC by DC: the order a planner gives.
  const ordered = [...nodes.filter((n) => n.isSeed), ...nodes.filter((n) => !n.isSeed)].map((n, i) => ({ ...n, joinOrder: i }));
  const peerings = datacenters.flatMap((a) => datacenters.filter((b) => b !== a).map((b) => ({
    name: `peer-${a.name}-${b.name}`, resourceGroup: a.resourceGroup, vnetName: a.vnetName, remoteResourceGroup: b.resourceGroup, remoteVnetName: b.vnetName })));
  return { clusterName: 'c1', target: 'local', datacenters, peerings, nodes: ordered,
    keyspaces: [{ name: 'customers_ks', replication: Object.fromEntries(datacenters.map((d) => [d.name, Math.min(3, nodesPerDc)])) }],
    resourceGroups: datacenters.map((d) => ({ name: d.resourceGroup, location: d.location })) };
}
