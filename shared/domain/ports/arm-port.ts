import type { Result } from '../../errors/result.js';
import type { AzureView } from '../health/health-views.js';
import type { PeeringPlan } from '../topology/cluster-plan.js';
import type { DeploymentDatacenter, DeploymentNode, VmProfile } from '../deploy/deployment-plan.js';

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

/**
 * A cluster's Azure resources, created with PUT (create-or-update) semantics and deterministic
 * names so every call can be repeated after a crash. Writes return permanent failures (quota,
 * AllocationFailed, invalid parameters) as values with code CASSOPS_ARM_FAILED and Azure's code;
 * they throw transient ones (CASSOPS_ARM_THROTTLED, CASSOPS_ARM_TRANSIENT) for Durable to retry.
 */
export interface ArmPort {
  ensureResourceGroup(name: string, location: string, cluster: string): Promise<Result<void>>;
  ensureNsg(dc: DeploymentDatacenter, nsg: DeploymentDatacenter['nsgs'][number], cluster: string): Promise<Result<void>>;
  ensureVnet(dc: DeploymentDatacenter, cluster: string): Promise<Result<void>>;
  ensurePeering(peering: PeeringPlan): Promise<Result<void>>;
  ensureLoadBalancer(dc: DeploymentDatacenter, cluster: string): Promise<Result<void>>;
  ensureAvailabilitySet(dc: DeploymentDatacenter, set: DeploymentDatacenter['availabilitySets'][number], cluster: string): Promise<Result<void>>;
  ensureNic(node: DeploymentNode, cluster: string, loadBalancer?: BackendPoolTarget): Promise<Result<void>>;
  /** `customData` is the node's cloud-init, base64, exactly as `osProfile.customData` takes it. */
  ensureVm(node: DeploymentNode, profile: VmProfile, cluster: string, customData: string): Promise<Result<void>>;
  /** Succeeds when the group is already gone. */
  deleteResourceGroup(name: string): Promise<Result<void>>;
  /** Each VM's power and provisioning state; never throws (a failed read is `ok: false`). */
  readVmStates(vms: VmRef[]): Promise<AzureView>;
}
