/**
 * The seam between the ARM simulator and whatever makes a simulated VM real.
 *
 * The simulator owns the ARM resource model (shapes, validation, LROs, throttling); a guest
 * driver owns the machine behind a VM resource. The simulator calls these methods while the
 * corresponding long-running operation is in flight, and fails that operation with the thrown
 * error's message if one throws. Drivers must be idempotent: the simulator may call `create`
 * again for an existing VM after a restart of its own.
 */
export interface GuestVm {
  /** Full ARM id, `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{name}`. */
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  vmSize: string;
  zones?: string[];
  /** Private IPv4 addresses of the VM's NICs, primary NIC's primary address first. */
  privateIpAddresses: string[];
  /** `osProfile.customData` exactly as sent: base64 of the cloud-init document, or undefined. */
  customData?: string;
  /** What happens to disks and NICs when the VM is deleted (ARM `deleteOption`). */
  osDiskDeleteOption: 'Delete' | 'Detach';
  dataDisks: { lun: number; name: string; diskSizeGB: number; deleteOption: 'Delete' | 'Detach' }[];
}

/** Azure's Run Command reports stdout and stderr, and (for managed run commands) an exit code. */
export interface GuestScriptResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunScriptOptions {
  /** Named parameters, passed as environment variables the way Azure's Linux agent does. */
  parameters?: Record<string, string>;
  timeoutInMs?: number;
  abortSignal?: AbortSignal;
}

export interface GuestDriver {
  /**
   * True when guests run real processes on the VMs' private IPs: the simulator then refuses
   * address spaces, subnets and NIC addresses outside 127.0.0.0/8 (InvalidParameter), so no
   * process ever binds or connects beyond loopback.
   */
  readonly runsRealProcesses: boolean;
  /** The VM has been created (and is running): prepare its machine and boot it. */
  create(vm: GuestVm): Promise<void>;
  start(vm: GuestVm): Promise<void>;
  /** Power off: a graceful OS shutdown unless `skipShutdown`. */
  powerOff(vm: GuestVm, options: { skipShutdown: boolean }): Promise<void>;
  /** Deallocate: the machine goes away abruptly; disks are kept. */
  deallocate(vm: GuestVm): Promise<void>;
  restart(vm: GuestVm): Promise<void>;
  /** Delete: the machine goes away; data disks and the OS disk are removed per their deleteOption. */
  delete(vm: GuestVm): Promise<void>;
  /** Runs a bash script on the VM as root, the way the Linux agent runs RunShellScript. */
  runScript(vm: GuestVm, script: string, options?: RunScriptOptions): Promise<GuestScriptResult>;
  /** Stops everything the driver started, by process id. */
  close(): Promise<void>;
}
