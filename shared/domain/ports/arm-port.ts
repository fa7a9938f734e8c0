import type { Result } from '../../errors/result.js';
import type { AzureView } from '../health/health-views.js';
import type { PeeringPlan, VpnConnectionPlan } from '../topology/cluster-plan.js';
import type { DeploymentDatacenter, DeploymentNode, DeploymentVpnGateway, VmProfile } from '../deploy/deployment-plan.js';

/** A VM to look at. */
export interface VmRef {
  resourceGroup: string;
  vmName: string;
}

/** A load balancer's backend pool a NIC joins. */
export interface BackendPoolTarget {
  name: string;
  backendPoolName: string;
}

/** Whom a cluster's resources are created for: the cluster's tag (set by the adapter, it wins) and the spec's tags. */
export interface ResourceOwner {
  cluster: string;
  tags: Record<string, string>;
}

/** Whether a resource group exists, and which cluster its `autopilot-cluster` tag names (absent when untagged). */
export type ResourceGroupOwner = { exists: false } | { exists: true; cluster?: string };

/** Where a VPN gateway's provisioning stands: `Provisioning` while ARM works on it (tens of minutes on Azure). */
export type VpnGatewayState = 'Absent' | 'Provisioning' | 'Succeeded' | 'Failed';

/** A VNet-to-VNet connection's `connectionStatus` (`Absent` when there is none). */
export type VpnConnectionStatus = 'Absent' | 'Connected' | 'Connecting' | 'NotConnected' | 'Unknown';

/** What a delete of one product resource did: deleted (or already gone), or left because the product did not make it. */
export type OwnedDeletion = { deleted: true } | { deleted: false; reason: string };

/**
 * A cluster's Azure resources, created with PUT (create-or-update) semantics and deterministic
 * names so every call can be repeated after a crash. Writes return permanent failures (quota,
 * AllocationFailed, invalid parameters) as values with code CASSOPS_ARM_FAILED and Azure's code;
 * they throw transient ones (CASSOPS_ARM_THROTTLED, CASSOPS_ARM_TRANSIENT) for Durable to retry.
 */
export interface ArmPort {
  /** Who owns the group, read before it is created or deleted: the product takes over no group it did not create. */
  readResourceGroupOwner(name: string): Promise<Result<ResourceGroupOwner>>;
  ensureResourceGroup(name: string, location: string, owner: ResourceOwner): Promise<Result<void>>;
  ensureNsg(dc: DeploymentDatacenter, nsg: DeploymentDatacenter['nsgs'][number], owner: ResourceOwner): Promise<Result<void>>;
  ensureVnet(dc: DeploymentDatacenter, owner: ResourceOwner): Promise<Result<void>>;
  ensurePeering(peering: PeeringPlan): Promise<Result<void>>;
  /** Deletes one direction of a peering (a datacenter leaving the cluster); one already gone is not an error. */
  deletePeering(peering: PeeringPlan): Promise<Result<void>>;
  /**
   * Starts a DC's VPN gateway (its public IP first) and returns without waiting: Azure takes tens
   * of minutes, longer than an activity may run, so callers poll readVpnGatewayState. A gateway
   * already provisioned or provisioning is left alone (a re-PUT of one being built is refused).
   */
  beginVpnGateway(gateway: DeploymentVpnGateway, owner: ResourceOwner): Promise<Result<VpnGatewayState>>;
  readVpnGatewayState(gateway: DeploymentVpnGateway): Promise<Result<VpnGatewayState>>;
  /** One direction of a VNet-to-VNet connection; both gateways must have provisioned. The key is sent, never logged. */
  ensureVpnConnection(connection: VpnConnectionPlan, sharedKey: string, owner: ResourceOwner): Promise<Result<void>>;
  readVpnConnectionStatus(connection: VpnConnectionPlan): Promise<Result<VpnConnectionStatus>>;
  /** Deletes a connection only when it carries `cluster`'s tag; one already gone counts as deleted. */
  deleteVpnConnection(connection: VpnConnectionPlan, cluster: string): Promise<Result<OwnedDeletion>>;
  ensureLoadBalancer(dc: DeploymentDatacenter, owner: ResourceOwner): Promise<Result<void>>;
  ensureAvailabilitySet(dc: DeploymentDatacenter, set: DeploymentDatacenter['availabilitySets'][number], owner: ResourceOwner): Promise<Result<void>>;
  ensureNic(node: DeploymentNode, owner: ResourceOwner, loadBalancer?: BackendPoolTarget): Promise<Result<void>>;
  /** `customData` is the node's cloud-init, base64, exactly as `osProfile.customData` takes it. */
  ensureVm(node: DeploymentNode, profile: VmProfile, owner: ResourceOwner, customData: string): Promise<Result<void>>;
  /**
   * Removes one node's machine for good (scale-in, or before a dead node's VM is recreated): the
   * VM, then its NIC, OS disk and data disks. ARM usually deletes those with the VM (deleteOption
   * 'Delete'), but a VM made without it, or a crash between calls, must leave nothing behind. Each
   * delete is idempotent: a resource (or group) already gone counts as deleted.
   */
  deleteNode(node: DeploymentNode): Promise<Result<void>>;
  /** Powers on a stopped or deallocated VM; a running VM is left running. A missing VM is CASSOPS_ARM_FAILED. */
  startVm(vm: VmRef): Promise<Result<void>>;
  /** Deletes whatever group it is given (callers decide ownership first); succeeds when the group is already gone. */
  deleteResourceGroup(name: string): Promise<Result<void>>;
  /** Each VM's power and provisioning state; never throws (a failed read is `ok: false`). */
  readVmStates(vms: VmRef[]): Promise<AzureView>;
}
