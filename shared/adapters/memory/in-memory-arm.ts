import type { ArmPort, BackendPoolTarget, OwnedDeletion, ResourceGroupOwner, ResourceOwner, VmRef, VpnConnectionStatus,
  VpnGatewayState } from '../../domain/ports/arm-port.js';
import type { AzureView, PowerState } from '../../domain/health/health-views.js';
import type { PeeringPlan, VpnConnectionPlan } from '../../domain/topology/cluster-plan.js';
import type { DeploymentDatacenter, DeploymentNode, DeploymentVpnGateway, VmProfile } from '../../domain/deploy/deployment-plan.js';
import type { Result } from '../../errors/result.js';
import { armCall } from '../arm/arm-call.js';
import { ownerFromTags, tagsForOwner } from '../arm/resource-owner-tags.js';
import { CLUSTER_TAG } from '../../domain/topology/azure-names.js';

/** An error as the Azure SDK reports it: HTTP status (absent for a failed long-running operation) and Azure's code. */
export interface AzureErrorLike {
  statusCode?: number;
  code: string;
  message: string;
}

/** The port calls a fault can be set on. */
export type ArmTwinCall = Exclude<keyof ArmPort, 'deleteResourceGroup' | 'readResourceGroupOwner'>;

interface VmEntry {
  powerState: PowerState;
  provisioningState: string;
  /** The group's keys of the NIC and disks created with deleteOption 'Delete': they go with the VM. */
  deletedWith: string[];
}

const azureError = (statusCode: number, code: string, message: string): AzureErrorLike => ({ statusCode, code, message });

/**
 * ArmPort in memory: the twin the ARM contract suite runs beside ArmDeployer on the simulator.
 * Resources are kept per resource group under their names; every write is idempotent, refuses a
 * missing group (ResourceGroupNotFound), a missing referenced resource or a NIC another VM holds
 * (NicInUse) as ARM does, and goes
 * through the real armCall, so a fault set with setFault is thrown or returned exactly as the
 * deployer sorts the SDK's error. A VM is created running with its OS and data disks; a second
 * ensureVm leaves it as it is. Deleting a VM takes its NIC and disks with it, as the deployer's
 * deleteOption 'Delete' makes ARM do.
 * Groups keep their tags (a PUT replaces them, as ARM's does), so ownership reads back as it would.
 */
export class InMemoryArm implements ArmPort {
  private readonly groups = new Map<string, Set<string>>();
  private readonly groupTags = new Map<string, Record<string, string>>();
  private readonly vms = new Map<string, VmEntry>();
  /** Which VM holds each NIC: a NIC serves one VM. */
  private readonly nicOwners = new Map<string, string>();
  private readonly faults = new Map<ArmTwinCall, AzureErrorLike>();
  /** VPN connections by group/name: the cluster their tag names and the key they were given. */
  private readonly connections = new Map<string, { cluster: string; sharedKey: string; from: string; to: string }>();

  /** Makes every later `call` fail with `error` (undefined clears it), as a fault rule on the simulator does. */
  setFault(call: ArmTwinCall, error: AzureErrorLike | undefined): void {
    if (error) this.faults.set(call, error);
    else this.faults.delete(call);
  }

  /** Sets a VM's power state, as a start, power off or deallocate would leave it. */
  setPowerState(vm: VmRef, powerState: PowerState): void {
    const entry = this.vms.get(vmKey(vm.resourceGroup, vm.vmName));
    if (!entry) throw new Error(`no VM ${vm.vmName} in ${vm.resourceGroup}`);
    entry.powerState = powerState;
  }

  /** The VMs, NICs and disks in a group, as sorted `vm/<name>`, `nic/<name>`, `disk/<name>` (lower-cased). */
  machineResources(resourceGroup: string): string[] {
    return [...this.groups.get(key(resourceGroup)) ?? []].filter((r) => /^(vm|nic|disk)\//.test(r)).sort();
  }

  /** Creates a group as someone other than the product would: with these tags, or none. */
  createGroupByHand(name: string, tags: Record<string, string> = {}): void {
    if (!this.groups.has(key(name))) this.groups.set(key(name), new Set());
    this.groupTags.set(key(name), { ...tags });
  }

  async readResourceGroupOwner(name: string): Promise<Result<ResourceGroupOwner>> {
    return armCall(`read resource group ${name}`, async (): Promise<ResourceGroupOwner> =>
      (this.groups.has(key(name)) ? ownerFromTags(this.groupTags.get(key(name)), CLUSTER_TAG) : { exists: false }));
  }

  ensureResourceGroup(name: string, _location: string, owner: ResourceOwner): Promise<Result<void>> {
    return this.write('ensureResourceGroup', `resource group ${name}`, undefined, () => {
      if (!this.groups.has(key(name))) this.groups.set(key(name), new Set());
      this.groupTags.set(key(name), tagsForOwner(owner, CLUSTER_TAG));
    });
  }

  ensureNsg(dc: DeploymentDatacenter, nsg: DeploymentDatacenter['nsgs'][number]): Promise<Result<void>> {
    return this.write('ensureNsg', `NSG ${nsg.name}`, dc.resourceGroup, (group) => group.add(`nsg/${key(nsg.name)}`));
  }

  ensureVnet(dc: DeploymentDatacenter): Promise<Result<void>> {
    return this.write('ensureVnet', `VNet ${dc.vnetName}`, dc.resourceGroup, (group) => {
      for (const s of dc.subnets) if (s.nsgName) this.require(group, `nsg/${key(s.nsgName)}`, dc.vnetName);
      group.add(`vnet/${key(dc.vnetName)}`);
      for (const s of dc.subnets) group.add(`subnet/${key(dc.vnetName)}/${key(s.name)}`);
    });
  }

  ensurePeering(p: PeeringPlan): Promise<Result<void>> {
    return this.write('ensurePeering', `peering ${p.name}`, p.resourceGroup, (group) => {
      this.require(group, `vnet/${key(p.vnetName)}`, p.name);
      this.require(this.groups.get(key(p.remoteResourceGroup)) ?? new Set(), `vnet/${key(p.remoteVnetName)}`, p.name);
      group.add(`peering/${key(p.vnetName)}/${key(p.name)}`);
    });
  }

  deletePeering(p: PeeringPlan): Promise<Result<void>> {
    return armCall(`delete peering ${p.name}`, async () => { this.groups.get(key(p.resourceGroup))?.delete(`peering/${key(p.vnetName)}/${key(p.name)}`); });
  }

  /** A gateway provisions at once here (Azure takes tens of minutes): it needs its VNet's GatewaySubnet. */
  async beginVpnGateway(gw: DeploymentVpnGateway): Promise<Result<VpnGatewayState>> {
    const written = await this.write('beginVpnGateway', `VPN gateway ${gw.name}`, gw.resourceGroup, (group) => {
      this.require(group, `subnet/${key(gw.vnetName)}/${key(gw.subnetName)}`, gw.name);
      group.add(`pip/${key(gw.publicIpName)}`);
      group.add(`vgw/${key(gw.name)}`);
    });
    return written.ok ? this.readVpnGatewayState(gw) : written;
  }

  readVpnGatewayState(gw: DeploymentVpnGateway): Promise<Result<VpnGatewayState>> {
    return armCall(`read VPN gateway ${gw.name}`, async (): Promise<VpnGatewayState> =>
      (this.groups.get(key(gw.resourceGroup))?.has(`vgw/${key(gw.name)}`) ? 'Succeeded' : 'Absent'));
  }

  ensureVpnConnection(c: VpnConnectionPlan, sharedKey: string, owner: ResourceOwner): Promise<Result<void>> {
    return this.write('ensureVpnConnection', `VPN connection ${c.name}`, c.resourceGroup, (group) => {
      this.require(group, `vgw/${key(c.gatewayName)}`, c.name);
      this.require(this.groups.get(key(c.remoteResourceGroup)) ?? new Set(), `vgw/${key(c.remoteGatewayName)}`, c.name);
      this.connections.set(vmKey(c.resourceGroup, c.name), { cluster: owner.cluster, sharedKey,
        from: vmKey(c.resourceGroup, c.gatewayName), to: vmKey(c.remoteResourceGroup, c.remoteGatewayName) });
    });
  }

  /** Connected when the connection back exists with the same key, as VNet-to-VNet needs. */
  readVpnConnectionStatus(c: VpnConnectionPlan): Promise<Result<VpnConnectionStatus>> {
    return armCall(`read VPN connection ${c.name}`, async (): Promise<VpnConnectionStatus> => {
      const mine = this.connections.get(vmKey(c.resourceGroup, c.name));
      if (!mine) return 'Absent';
      const back = [...this.connections.values()].find((o) => o.from === mine.to && o.to === mine.from);
      return back?.sharedKey === mine.sharedKey ? 'Connected' : 'NotConnected';
    });
  }

  deleteVpnConnection(c: VpnConnectionPlan, cluster: string): Promise<Result<OwnedDeletion>> {
    return armCall(`delete VPN connection ${c.name}`, async (): Promise<OwnedDeletion> => {
      const fault = this.faults.get('deleteVpnConnection');
      if (fault) throw fault;
      const found = this.connections.get(vmKey(c.resourceGroup, c.name));
      if (found && found.cluster !== cluster) return { deleted: false, reason: `its ${CLUSTER_TAG} tag does not name cluster ${cluster}: the product did not create it` };
      this.connections.delete(vmKey(c.resourceGroup, c.name));
      return { deleted: true };
    });
  }

  /** Makes a connection as someone other than the product would, tagged for `cluster` (or no one). */
  createVpnConnectionByHand(c: VpnConnectionPlan, cluster = ''): void {
    this.connections.set(vmKey(c.resourceGroup, c.name), { cluster, sharedKey: 'by-hand',
      from: vmKey(c.resourceGroup, c.gatewayName), to: vmKey(c.remoteResourceGroup, c.remoteGatewayName) });
  }

  ensureLoadBalancer(dc: DeploymentDatacenter): Promise<Result<void>> {
    const lb = dc.loadBalancer;
    return this.write('ensureLoadBalancer', `load balancer ${lb?.name}`, dc.resourceGroup, (group) => {
      if (!lb) return;
      this.require(group, `subnet/${key(dc.vnetName)}/${key(lb.subnetName)}`, lb.name);
      group.add(`lb/${key(lb.name)}`);
    });
  }

  ensureAvailabilitySet(dc: DeploymentDatacenter, set: DeploymentDatacenter['availabilitySets'][number]): Promise<Result<void>> {
    return this.write('ensureAvailabilitySet', `availability set ${set.name}`, dc.resourceGroup,
      (group) => group.add(`avset/${key(set.name)}`));
  }

  ensureNic(node: DeploymentNode, _owner: ResourceOwner, loadBalancer?: BackendPoolTarget): Promise<Result<void>> {
    return this.write('ensureNic', `NIC ${node.nicName}`, node.resourceGroup, (group) => {
      this.require(group, `subnet/${key(node.vnetName)}/${key(node.subnetName)}`, node.nicName);
      if (loadBalancer) this.require(group, `lb/${key(loadBalancer.name)}`, node.nicName);
      group.add(`nic/${key(node.nicName)}`);
    });
  }

  /** Leaves an existing VM alone, as the deployer does (no osProfile re-PUT). */
  ensureVm(node: DeploymentNode, _profile: VmProfile): Promise<Result<void>> {
    return this.write('ensureVm', `VM ${node.vmName}`, node.resourceGroup, (group) => {
      const id = vmKey(node.resourceGroup, node.vmName);
      if (this.vms.get(id)?.provisioningState === 'succeeded') return;
      if (!group.has(`nic/${key(node.nicName)}`)) {
        throw azureError(404, 'NotFound', `Resource ${node.nicName} (networkInterfaces) was not found.`);
      }
      if (node.availabilitySetName && !group.has(`avset/${key(node.availabilitySetName)}`)) {
        throw azureError(404, 'NotFound', `The availability set ${node.availabilitySetName} was not found.`);
      }
      const nic = vmKey(node.resourceGroup, node.nicName);
      const owner = this.nicOwners.get(nic);
      if (owner && owner !== id) {
        throw azureError(400, 'NicInUse', `Network interface ${node.nicName} is already used by virtual machine ${owner}.`);
      }
      this.nicOwners.set(nic, id);
      const disks = [node.osDiskName, ...node.dataDisks.map((d) => d.name)].map((d) => `disk/${key(d)}`);
      for (const resource of [`vm/${key(node.vmName)}`, ...disks]) group.add(resource);
      this.vms.set(id, { powerState: 'running', provisioningState: 'succeeded', deletedWith: [`nic/${key(node.nicName)}`, ...disks] });
    });
  }

  /** The VM with what it took along, then the NIC and disks by name; a group already gone took them all. */
  deleteNode(node: DeploymentNode): Promise<Result<void>> {
    return this.write('deleteNode', `delete VM ${node.vmName}`, undefined, () => {
      const group = this.groups.get(key(node.resourceGroup));
      if (!group) return;
      const id = vmKey(node.resourceGroup, node.vmName);
      for (const resource of this.vms.get(id)?.deletedWith ?? []) group.delete(resource);
      this.vms.delete(id);
      for (const [nic, owner] of this.nicOwners) if (owner === id) this.nicOwners.delete(nic);
      group.delete(`vm/${key(node.vmName)}`);
      group.delete(`nic/${key(node.nicName)}`);
      for (const disk of [node.osDiskName, ...node.dataDisks.map((d) => d.name)]) group.delete(`disk/${key(disk)}`);
    });
  }

  /** Any power state becomes running, as ARM's start does; a missing VM is ARM's ResourceNotFound. */
  startVm(vm: VmRef): Promise<Result<void>> {
    return this.write('startVm', `start VM ${vm.vmName}`, vm.resourceGroup, () => {
      const entry = this.vms.get(vmKey(vm.resourceGroup, vm.vmName));
      if (!entry) {
        throw azureError(404, 'ResourceNotFound',
          `The Resource 'Microsoft.Compute/virtualMachines/${vm.vmName}' under resource group '${vm.resourceGroup}' was not found.`);
      }
      entry.powerState = 'running';
    });
  }

  /** Removes the group with everything in it; a group already gone is success. */
  deleteResourceGroup(name: string): Promise<Result<void>> {
    return armCall(`delete resource group ${name}`, async () => {
      this.groups.delete(key(name));
      this.groupTags.delete(key(name));
      for (const id of [...this.connections.keys()]) if (id.startsWith(`${key(name)}/`)) this.connections.delete(id);
      for (const map of [this.vms, this.nicOwners]) {
        for (const id of [...map.keys()]) if (id.startsWith(`${key(name)}/`)) map.delete(id);
      }
    });
  }

  async readVmStates(vms: VmRef[]): Promise<AzureView> {
    const observedAt = new Date().toISOString();
    const fault = this.faults.get('readVmStates');
    if (fault) return { observedAt, ok: false, error: fault.message, vms: [] };
    return { observedAt, ok: true, vms: vms.map((vm) => {
      const entry = this.vms.get(vmKey(vm.resourceGroup, vm.vmName));
      return entry ? { vmName: vm.vmName, powerState: entry.powerState, provisioningState: entry.provisioningState }
        : { vmName: vm.vmName, powerState: 'unknown' as const, provisioningState: 'notFound' };
    }) };
  }

  /** One write through armCall: the fault set on `call` first, then the group check, then the change. */
  private write(call: ArmTwinCall, what: string, resourceGroup: string | undefined,
    change: (group: Set<string>) => void): Promise<Result<void>> {
    return armCall(what, async () => {
      const fault = this.faults.get(call);
      if (fault) throw fault;
      if (resourceGroup === undefined) return change(new Set());
      const group = this.groups.get(key(resourceGroup));
      if (!group) throw azureError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
      change(group);
    });
  }

  private require(group: Set<string>, resource: string, referrer: string): void {
    if (!group.has(resource)) {
      throw azureError(400, 'InvalidResourceReference', `Resource ${resource} referenced by resource ${referrer} was not found.`);
    }
  }
}

/** ARM names are case-insensitive. */
function key(name: string): string {
  return name.toLowerCase();
}

function vmKey(resourceGroup: string, vmName: string): string {
  return `${key(resourceGroup)}/${key(vmName)}`;
}
