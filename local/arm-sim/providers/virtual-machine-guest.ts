import type { GuestVm } from '../guest-driver.js';
import type { ArmBody, StoredResource } from '../resource-store.js';
import type { SimulatorContext } from '../simulator-context.js';

/** A VM's power state as the instance view reports it (`PowerState/<state>`). */
export type PowerState = 'starting' | 'running' | 'stopping' | 'stopped' | 'deallocating' | 'deallocated';

interface NicRef { id: string; properties?: { primary?: boolean; deleteOption?: string } }
interface DiskRef { lun?: number; name?: string; diskSizeGB?: number; deleteOption?: string; managedDisk?: { id?: string } }

/** The NIC references of a stored VM, primary first. */
export function vmNics(vm: StoredResource): NicRef[] {
  const refs = ((vm.body.properties.networkProfile as { networkInterfaces?: NicRef[] } | undefined)?.networkInterfaces ?? []);
  return [...refs].sort((a, b) => Number(b.properties?.primary ?? false) - Number(a.properties?.primary ?? false));
}

/** The OS disk and data disks of a stored VM. */
export function vmDisks(vm: StoredResource): { osDisk: DiskRef; dataDisks: DiskRef[] } {
  const profile = vm.body.properties.storageProfile as { osDisk: DiskRef; dataDisks?: DiskRef[] };
  return { osDisk: profile.osDisk, dataDisks: profile.dataDisks ?? [] };
}

/** What the guest driver is told about a VM. */
export function toGuestVm(ctx: SimulatorContext, vm: StoredResource): GuestVm {
  const privateIpAddresses = vmNics(vm).flatMap((ref) => {
    const nic = ctx.store.get(ref.id);
    const configs = (nic?.body.properties.ipConfigurations ?? []) as { properties: { privateIPAddress?: string; primary?: boolean } }[];
    return [...configs].sort((a, b) => Number(b.properties.primary ?? false) - Number(a.properties.primary ?? false))
      .map((c) => c.properties.privateIPAddress).filter((a): a is string => !!a);
  });
  const { osDisk, dataDisks } = vmDisks(vm);
  const [, , subscriptionId, , resourceGroup] = vm.body.id.split('/');
  return {
    id: vm.body.id,
    name: vm.body.name,
    subscriptionId: subscriptionId!,
    resourceGroup: resourceGroup!,
    location: vm.body.location ?? '',
    vmSize: (vm.body.properties.hardwareProfile as { vmSize: string }).vmSize,
    ...(vm.body.zones ? { zones: vm.body.zones } : {}),
    privateIpAddresses,
    ...(typeof vm.hidden.customData === 'string' ? { customData: vm.hidden.customData } : {}),
    osDiskDeleteOption: osDisk.deleteOption === 'Delete' ? 'Delete' : 'Detach',
    dataDisks: dataDisks.map((d) => ({ lun: d.lun ?? 0, name: d.name ?? '', diskSizeGB: d.diskSizeGB ?? 0, deleteOption: d.deleteOption === 'Delete' ? 'Delete' : 'Detach' })),
  };
}

export function powerStateOf(vm: StoredResource): PowerState {
  return (vm.hidden.powerState as PowerState | undefined) ?? 'starting';
}

/** Records a new power state on the stored VM. */
export function setPowerState(ctx: SimulatorContext, vmId: string, state: PowerState): void {
  const vm = ctx.store.get(vmId);
  if (!vm) return;
  vm.hidden.powerState = state;
  ctx.store.put(vm);
}

const POWER_DISPLAY: Record<PowerState, string> = {
  starting: 'VM starting', running: 'VM running', stopping: 'VM stopping', stopped: 'VM stopped',
  deallocating: 'VM deallocating', deallocated: 'VM deallocated',
};

/** The VM instance view: provisioning and power status, agent status and disks. */
export function instanceView(vm: StoredResource): ArmBody['properties'] {
  const provisioning = String(vm.body.properties.provisioningState ?? 'Succeeded');
  const power = powerStateOf(vm);
  const { osDisk, dataDisks } = vmDisks(vm);
  const now = new Date().toISOString();
  return {
    computerName: (vm.body.properties.osProfile as { computerName?: string } | undefined)?.computerName ?? vm.body.name,
    osName: 'ubuntu', osVersion: '22.04',
    vmAgent: {
      vmAgentVersion: '2.9.1.1',
      statuses: power === 'running'
        ? [{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Ready', message: 'GuestAgent is running and processing the extensions.', time: now }]
        : [{ code: 'ProvisioningState/Unavailable', level: 'Warning', displayStatus: 'Not Ready', message: 'VM status blob is found but not yet populated.', time: now }],
    },
    disks: [osDisk, ...dataDisks].map((d) => ({ name: d.name, statuses: [{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time: now }] })),
    statuses: [
      { code: `ProvisioningState/${provisioning.toLowerCase()}`, level: provisioning === 'Failed' ? 'Error' : 'Info', displayStatus: `Provisioning ${provisioning.toLowerCase()}`, time: now },
      { code: `PowerState/${power}`, level: 'Info', displayStatus: POWER_DISPLAY[power] },
    ],
  };
}
