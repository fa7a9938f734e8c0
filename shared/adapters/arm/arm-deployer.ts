import type { ArmClients } from './create-arm-clients.js';
import type { ArmPort, BackendPoolTarget, OwnedDeletion, ResourceGroupOwner, ResourceOwner, VmRef, VpnConnectionStatus,
  VpnGatewayState } from '../../domain/ports/arm-port.js';
import type { AzureView } from '../../domain/health/health-views.js';
import type { PeeringPlan, VpnConnectionPlan } from '../../domain/topology/cluster-plan.js';
import type { Result } from '../../errors/result.js';
import { armCall } from './arm-call.js';
import { readVmStates } from './read-vm-states.js';
import type { DeploymentDatacenter, DeploymentNode, DeploymentVpnGateway, VmProfile } from '../../domain/deploy/deployment-plan.js';
import { computeId, networkId, subnetId } from './arm-resource-ids.js';
import { buildVmBody } from './build-vm-body.js';
import { deleteNode } from './delete-node.js';
import { readUnlessGone, unlessGone } from './unless-gone.js';
import { ownerFromTags, tagsForOwner } from './resource-owner-tags.js';
import * as vpn from './vpn-links.js';

export interface ArmDeployerOptions {
  subscriptionId: string;
  /** LRO poll interval; ARM's own Retry-After still wins when it sends one. */
  pollIntervalInMs?: number;
  /** SSH key for the VM admin account when the spec gives none (SSH key only, no password). */
  sshPublicKey: string;
  /** Tag put on every resource, valued with the cluster's name: ownership is read back from it. */
  clusterTag: string;
  /** The clock health views are stamped with. */
  now?: () => Date;
}

/**
 * Creates and deletes a cluster's ARM resources with PUT (create-or-update) semantics and
 * deterministic names, so every call can be repeated after a crash. Each write classifies the
 * SDK's error (armCall): transient ones are thrown, permanent ones returned.
 */
export class ArmDeployer implements ArmPort {
  constructor(private readonly clients: ArmClients, private readonly options: ArmDeployerOptions) {}

  private get lro() {
    return { updateIntervalInMs: this.options.pollIntervalInMs ?? 2_000 };
  }

  private tags(owner: ResourceOwner): Record<string, string> {
    return tagsForOwner(owner, this.options.clusterTag);
  }

  /** Reads the group's tags; a 404 is a group that does not exist. */
  async readResourceGroupOwner(name: string): Promise<Result<ResourceGroupOwner>> {
    return armCall(`read resource group ${name}`, async (): Promise<ResourceGroupOwner> => {
      const group = await readUnlessGone(() => this.clients.resources.resourceGroups.get(name));
      return group ? ownerFromTags(group.tags, this.options.clusterTag) : { exists: false };
    });
  }

  /** A PUT replaces the group's tags: callers check ownership first (readResourceGroupOwner). */
  async ensureResourceGroup(name: string, location: string, owner: ResourceOwner): Promise<Result<void>> {
    return armCall(`resource group ${name}`, async () => {
      await this.clients.resources.resourceGroups.createOrUpdate(name, { location, tags: this.tags(owner) });
    });
  }

  async ensureNsg(dc: DeploymentDatacenter, nsg: DeploymentDatacenter['nsgs'][number], owner: ResourceOwner): Promise<Result<void>> {
    return armCall(`NSG ${nsg.name}`, async () => {
      await this.clients.network.networkSecurityGroups.beginCreateOrUpdateAndWait(dc.resourceGroup, nsg.name, {
        location: dc.location, tags: this.tags(owner),
        securityRules: nsg.rules.map((r) => ({ ...r })),
      }, this.lro);
    });
  }

  /** The VNet with its subnets in one PUT: a later subnet-less PUT would delete them. */
  async ensureVnet(dc: DeploymentDatacenter, owner: ResourceOwner): Promise<Result<void>> {
    return armCall(`VNet ${dc.vnetName}`, async () => {
      const sub = this.options.subscriptionId;
      await this.clients.network.virtualNetworks.beginCreateOrUpdateAndWait(dc.resourceGroup, dc.vnetName, {
        location: dc.location, tags: this.tags(owner),
        addressSpace: { addressPrefixes: dc.addressSpace },
        subnets: dc.subnets.map((s) => ({ name: s.name, addressPrefix: s.addressPrefix,
          ...(s.nsgName ? { networkSecurityGroup: { id: networkId(sub, dc.resourceGroup, 'networkSecurityGroups', s.nsgName) } } : {}) })),
      }, this.lro);
    });
  }

  async ensurePeering(p: PeeringPlan): Promise<Result<void>> {
    return armCall(`peering ${p.name}`, async () => {
      await this.clients.network.virtualNetworkPeerings.beginCreateOrUpdateAndWait(p.resourceGroup, p.vnetName, p.name, {
        remoteVirtualNetwork: { id: networkId(this.options.subscriptionId, p.remoteResourceGroup, 'virtualNetworks', p.remoteVnetName) },
        allowVirtualNetworkAccess: true, allowForwardedTraffic: false, useRemoteGateways: false,
      }, this.lro);
    });
  }

  async deletePeering(p: PeeringPlan): Promise<Result<void>> {
    return armCall(`delete peering ${p.name}`, () => unlessGone(() =>
      this.clients.network.virtualNetworkPeerings.beginDeleteAndWait(p.resourceGroup, p.vnetName, p.name, this.lro)));
  }

  private vpn(owner?: ResourceOwner): vpn.VpnLinkContext {
    return { clients: this.clients, subscriptionId: this.options.subscriptionId, clusterTag: this.options.clusterTag,
      tags: owner ? this.tags(owner) : {}, lro: this.lro };
  }

  beginVpnGateway(gateway: DeploymentVpnGateway, owner: ResourceOwner): Promise<Result<VpnGatewayState>> {
    return armCall(`VPN gateway ${gateway.name}`, () => vpn.beginVpnGateway(this.vpn(owner), gateway));
  }

  readVpnGatewayState(gateway: DeploymentVpnGateway): Promise<Result<VpnGatewayState>> {
    return armCall(`read VPN gateway ${gateway.name}`, () => vpn.readVpnGatewayState(this.vpn(), gateway));
  }

  ensureVpnConnection(connection: VpnConnectionPlan, sharedKey: string, owner: ResourceOwner): Promise<Result<void>> {
    return armCall(`VPN connection ${connection.name}`, () => vpn.ensureVpnConnection(this.vpn(owner), connection, sharedKey));
  }

  readVpnConnectionStatus(connection: VpnConnectionPlan): Promise<Result<VpnConnectionStatus>> {
    return armCall(`read VPN connection ${connection.name}`, () => vpn.readVpnConnectionStatus(this.vpn(), connection));
  }

  deleteVpnConnection(connection: VpnConnectionPlan, cluster: string): Promise<Result<OwnedDeletion>> {
    return armCall(`delete VPN connection ${connection.name}`, () => vpn.deleteVpnConnection(this.vpn(), connection, cluster));
  }

  /** An internal load balancer on the CQL port: a stable address for clients, no public IP. */
  async ensureLoadBalancer(dc: DeploymentDatacenter, owner: ResourceOwner): Promise<Result<void>> {
    return armCall(`load balancer ${dc.loadBalancer?.name}`, async () => {
      const lb = dc.loadBalancer;
      if (!lb) return;
      const sub = this.options.subscriptionId;
      const lbId = networkId(sub, dc.resourceGroup, 'loadBalancers', lb.name);
      await this.clients.network.loadBalancers.beginCreateOrUpdateAndWait(dc.resourceGroup, lb.name, {
        location: dc.location, tags: this.tags(owner), sku: { name: 'Standard' },
        frontendIPConfigurations: [{ name: lb.frontendName, privateIPAddress: lb.frontendIp, privateIPAllocationMethod: 'Static',
          subnet: { id: subnetId(sub, dc.resourceGroup, dc.vnetName, lb.subnetName) } }],
        backendAddressPools: [{ name: lb.backendPoolName }],
        probes: [{ name: lb.probeName, protocol: 'Tcp', port: lb.port, intervalInSeconds: 5, numberOfProbes: 2 }],
        loadBalancingRules: [{ name: lb.ruleName, protocol: 'Tcp', frontendPort: lb.port, backendPort: lb.port,
          frontendIPConfiguration: { id: `${lbId}/frontendIPConfigurations/${lb.frontendName}` },
          backendAddressPool: { id: `${lbId}/backendAddressPools/${lb.backendPoolName}` }, probe: { id: `${lbId}/probes/${lb.probeName}` } }],
      }, this.lro);
    });
  }

  async ensureAvailabilitySet(dc: DeploymentDatacenter, set: DeploymentDatacenter['availabilitySets'][number], owner: ResourceOwner): Promise<Result<void>> {
    return armCall(`availability set ${set.name}`, async () => {
      await this.clients.compute.availabilitySets.createOrUpdate(dc.resourceGroup, set.name, {
        location: dc.location, tags: this.tags(owner), sku: { name: 'Aligned' },
        platformFaultDomainCount: set.faultDomainCount, platformUpdateDomainCount: set.updateDomainCount,
      });
    });
  }

  /** A NIC with the planned static address (and the DC's load balancer pool when there is one). */
  async ensureNic(node: DeploymentNode, owner: ResourceOwner, loadBalancer?: BackendPoolTarget): Promise<Result<void>> {
    return armCall(`NIC ${node.nicName}`, async () => {
      const sub = this.options.subscriptionId;
      const pool = loadBalancer
        ? [{ id: `${networkId(sub, node.resourceGroup, 'loadBalancers', loadBalancer.name)}/backendAddressPools/${loadBalancer.backendPoolName}` }] : undefined;
      await this.clients.network.networkInterfaces.beginCreateOrUpdateAndWait(node.resourceGroup, node.nicName, {
        location: node.location, tags: this.tags(owner),
        ipConfigurations: [{ name: 'primary', primary: true, privateIPAllocationMethod: 'Static', privateIPAddress: node.privateIp,
          subnet: { id: subnetId(sub, node.resourceGroup, node.vnetName, node.subnetName) },
          ...(pool ? { loadBalancerBackendAddressPools: pool } : {}) }],
      }, this.lro);
    });
  }

  /**
   * The VM. An existing VM that provisioned is left alone: Azure refuses changes to osProfile on
   * a re-PUT, and re-sending it would count against the VM's write throttle for nothing.
   */
  async ensureVm(node: DeploymentNode, profile: VmProfile, owner: ResourceOwner, customData: string): Promise<Result<void>> {
    return armCall(`VM ${node.vmName}`, async () => {
      const existing = await this.getVm(node);
      if (existing?.provisioningState === 'Succeeded') return;
      const sub = this.options.subscriptionId;
      const body = buildVmBody(node, profile, {
        nicId: networkId(sub, node.resourceGroup, 'networkInterfaces', node.nicName),
        availabilitySetId: node.availabilitySetName ? computeId(sub, node.resourceGroup, 'availabilitySets', node.availabilitySetName) : undefined,
        sshPublicKey: profile.sshPublicKey ?? this.options.sshPublicKey, tags: this.tags(owner), customData,
      });
      await this.clients.compute.virtualMachines.createOrUpdate(node.resourceGroup, node.vmName, body, this.lro);
    });
  }

  private getVm(node: DeploymentNode): Promise<{ provisioningState?: string } | undefined> {
    return readUnlessGone(() => this.clients.compute.virtualMachines.get(node.resourceGroup, node.vmName));
  }

  /** The node's VM, NIC and disks, in that order (see deleteNode); each one already gone counts as deleted. */
  deleteNode(node: DeploymentNode): Promise<Result<void>> {
    return deleteNode(this.clients, node, this.lro);
  }

  /** Azure accepts a start of a running VM, so a repeat is harmless; a missing VM is a 404, returned as permanent. */
  async startVm(vm: VmRef): Promise<Result<void>> {
    return armCall(`start VM ${vm.vmName}`, async () => {
      await this.clients.compute.virtualMachines.start(vm.resourceGroup, vm.vmName, this.lro);
    });
  }

  /** Deletes a resource group and everything in it; succeeds when it is already gone. */
  async deleteResourceGroup(name: string): Promise<Result<void>> {
    return armCall(`delete resource group ${name}`, async () => {
      try {
        await this.clients.resources.resourceGroups.beginDeleteAndWait(name, this.lro);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 404) throw error;
      }
    });
  }

  /** Each VM's power and provisioning state from its instance view. */
  readVmStates(vms: VmRef[]): Promise<AzureView> {
    return readVmStates(this.clients.compute, vms, { now: this.options.now });
  }
}
