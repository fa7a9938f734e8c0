import type { ArmClients } from './create-arm-clients.js';
import type { DatacenterPlan, NodePlan, PeeringPlan, VmProfilePlan } from '../../contracts/deployment-plan.js';
import { computeId, networkId, subnetId } from './arm-resource-ids.js';
import { buildVmBody } from './build-vm-body.js';

export interface ArmDeployerOptions {
  subscriptionId: string;
  /** LRO poll interval; ARM's own Retry-After still wins when it sends one. */
  pollIntervalInMs?: number;
  /** SSH key for the VM admin account when the spec gives none (SSH key only, no password). */
  sshPublicKey: string;
  /** Tag put on every resource so ownership is visible in the portal. */
  clusterTag: string;
}

/**
 * Creates and deletes a cluster's ARM resources with PUT (create-or-update) semantics and
 * deterministic names, so every call can be repeated after a crash. Methods throw the SDK's
 * errors unchanged; activities classify them (classifyArmError).
 */
export class ArmDeployer {
  constructor(private readonly clients: ArmClients, private readonly options: ArmDeployerOptions) {}

  private get lro() {
    return { updateIntervalInMs: this.options.pollIntervalInMs ?? 2_000 };
  }

  private tags(cluster: string) {
    return { [this.options.clusterTag]: cluster };
  }

  async ensureResourceGroup(name: string, location: string, cluster: string): Promise<void> {
    await this.clients.resources.resourceGroups.createOrUpdate(name, { location, tags: this.tags(cluster) });
  }

  async ensureNsg(dc: DatacenterPlan, nsg: DatacenterPlan['nsgs'][number], cluster: string): Promise<void> {
    await this.clients.network.networkSecurityGroups.beginCreateOrUpdateAndWait(dc.resourceGroup, nsg.name, {
      location: dc.location, tags: this.tags(cluster),
      securityRules: nsg.rules.map((r) => ({ ...r })),
    }, this.lro);
  }

  /** The VNet with its subnets in one PUT: a later subnet-less PUT would delete them. */
  async ensureVnet(dc: DatacenterPlan, cluster: string): Promise<void> {
    const sub = this.options.subscriptionId;
    await this.clients.network.virtualNetworks.beginCreateOrUpdateAndWait(dc.resourceGroup, dc.vnetName, {
      location: dc.location, tags: this.tags(cluster),
      addressSpace: { addressPrefixes: dc.addressSpace },
      subnets: dc.subnets.map((s) => ({ name: s.name, addressPrefix: s.addressPrefix,
        ...(s.nsgName ? { networkSecurityGroup: { id: networkId(sub, dc.resourceGroup, 'networkSecurityGroups', s.nsgName) } } : {}) })),
    }, this.lro);
  }

  async ensurePeering(p: PeeringPlan): Promise<void> {
    await this.clients.network.virtualNetworkPeerings.beginCreateOrUpdateAndWait(p.resourceGroup, p.vnetName, p.name, {
      remoteVirtualNetwork: { id: networkId(this.options.subscriptionId, p.remoteResourceGroup, 'virtualNetworks', p.remoteVnetName) },
      allowVirtualNetworkAccess: true, allowForwardedTraffic: false, useRemoteGateways: false,
    }, this.lro);
  }

  /** An internal load balancer on the CQL port: a stable address for clients, no public IP. */
  async ensureLoadBalancer(dc: DatacenterPlan, cluster: string): Promise<void> {
    const lb = dc.loadBalancer;
    if (!lb) return;
    const sub = this.options.subscriptionId;
    const lbId = networkId(sub, dc.resourceGroup, 'loadBalancers', lb.name);
    await this.clients.network.loadBalancers.beginCreateOrUpdateAndWait(dc.resourceGroup, lb.name, {
      location: dc.location, tags: this.tags(cluster), sku: { name: 'Standard' },
      frontendIPConfigurations: [{ name: lb.frontendName, privateIPAddress: lb.frontendIp, privateIPAllocationMethod: 'Static',
        subnet: { id: subnetId(sub, dc.resourceGroup, dc.vnetName, lb.subnetName) } }],
      backendAddressPools: [{ name: lb.backendPoolName }],
      probes: [{ name: lb.probeName, protocol: 'Tcp', port: lb.port, intervalInSeconds: 5, numberOfProbes: 2 }],
      loadBalancingRules: [{ name: lb.ruleName, protocol: 'Tcp', frontendPort: lb.port, backendPort: lb.port,
        frontendIPConfiguration: { id: `${lbId}/frontendIPConfigurations/${lb.frontendName}` },
        backendAddressPool: { id: `${lbId}/backendAddressPools/${lb.backendPoolName}` }, probe: { id: `${lbId}/probes/${lb.probeName}` } }],
    }, this.lro);
  }

  async ensureAvailabilitySet(dc: DatacenterPlan, set: DatacenterPlan['availabilitySets'][number], cluster: string): Promise<void> {
    await this.clients.compute.availabilitySets.createOrUpdate(dc.resourceGroup, set.name, {
      location: dc.location, tags: this.tags(cluster), sku: { name: 'Aligned' },
      platformFaultDomainCount: set.faultDomainCount, platformUpdateDomainCount: set.updateDomainCount,
    });
  }

  /** A NIC with the planned static address (and the DC's load balancer pool when there is one). */
  async ensureNic(node: NodePlan, cluster: string, loadBalancer?: { name: string; backendPoolName: string }): Promise<void> {
    const sub = this.options.subscriptionId;
    const pool = loadBalancer
      ? [{ id: `${networkId(sub, node.resourceGroup, 'loadBalancers', loadBalancer.name)}/backendAddressPools/${loadBalancer.backendPoolName}` }] : undefined;
    await this.clients.network.networkInterfaces.beginCreateOrUpdateAndWait(node.resourceGroup, node.nicName, {
      location: node.location, tags: this.tags(cluster),
      ipConfigurations: [{ name: 'primary', primary: true, privateIPAllocationMethod: 'Static', privateIPAddress: node.privateIp,
        subnet: { id: subnetId(sub, node.resourceGroup, node.vnetName, node.subnetName) },
        ...(pool ? { loadBalancerBackendAddressPools: pool } : {}) }],
    }, this.lro);
  }

  /**
   * The VM. An existing VM that provisioned is left alone: Azure refuses changes to osProfile on
   * a re-PUT, and re-sending it would count against the VM's write throttle for nothing.
   */
  async ensureVm(node: NodePlan, profile: VmProfilePlan, cluster: string): Promise<{ created: boolean }> {
    const existing = await this.getVm(node);
    if (existing?.provisioningState === 'Succeeded') return { created: false };
    const sub = this.options.subscriptionId;
    const body = buildVmBody(node, profile, {
      nicId: networkId(sub, node.resourceGroup, 'networkInterfaces', node.nicName),
      availabilitySetId: node.availabilitySetName ? computeId(sub, node.resourceGroup, 'availabilitySets', node.availabilitySetName) : undefined,
      sshPublicKey: profile.sshPublicKey ?? this.options.sshPublicKey, tags: this.tags(cluster),
    });
    await this.clients.compute.virtualMachines.createOrUpdate(node.resourceGroup, node.vmName, body, this.lro);
    return { created: true };
  }

  private async getVm(node: NodePlan): Promise<{ provisioningState?: string } | undefined> {
    try {
      return await this.clients.compute.virtualMachines.get(node.resourceGroup, node.vmName);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  /** Deletes a resource group and everything in it; succeeds when it is already gone. */
  async deleteResourceGroup(name: string): Promise<void> {
    try {
      await this.clients.resources.resourceGroups.delete(name, this.lro);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
  }
}
