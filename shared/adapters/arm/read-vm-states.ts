import pLimit from 'p-limit';
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { VmRef } from '../../domain/ports/arm-port.js';
import { POWER_STATES, type AzureView, type PowerState, type VmState } from '../../domain/health/health-views.js';
import { readUnlessGone } from './unless-gone.js';

export interface ReadVmStatesOptions {
  /** Instance views read at once: "Low Cost Get VM" allows 12/min per VM but the subscription bucket is shared. */
  concurrency?: number;
  now?: () => Date;
}

/**
 * Azure's view: each VM's power and provisioning state from its instance view
 * (`PowerState/<x>`, `ProvisioningState/<x>`). A VM that no longer exists is `notFound`; any
 * other failure makes the whole view `ok: false` with the reason, so a throttled ARM is never
 * mistaken for stopped VMs.
 */
export async function readVmStates(compute: ComputeManagementClient, vms: VmRef[], options: ReadVmStatesOptions = {}): Promise<AzureView> {
  const now = options.now ?? (() => new Date());
  const limit = pLimit(options.concurrency ?? 4);
  try {
    const states = await Promise.all(vms.map((vm) => limit(() => readOne(compute, vm))));
    return { observedAt: now().toISOString(), ok: true, vms: states };
  } catch (error) {
    return { observedAt: now().toISOString(), ok: false, error: (error as Error).message, vms: [] };
  }
}

async function readOne(compute: ComputeManagementClient, vm: VmRef): Promise<VmState> {
  const view = await readUnlessGone(() => compute.virtualMachines.instanceView(vm.resourceGroup, vm.vmName));
  if (!view) return { vmName: vm.vmName, powerState: 'unknown', provisioningState: 'notFound' };
  const codes = (view.statuses ?? []).map((s) => s.code ?? '');
  const power = codes.find((c) => c.startsWith('PowerState/'))?.slice('PowerState/'.length).toLowerCase();
  const provisioning = codes.find((c) => c.startsWith('ProvisioningState/'))?.slice('ProvisioningState/'.length).toLowerCase();
  return { vmName: vm.vmName, powerState: toPowerState(power), provisioningState: provisioning ?? 'unknown' };
}

function toPowerState(value: string | undefined): PowerState {
  return (POWER_STATES as readonly string[]).includes(value ?? '') ? (value as PowerState) : 'unknown';
}
