import type { ArmClients } from './create-arm-clients.js';
import type { DeploymentNode } from '../../domain/deploy/deployment-plan.js';
import { ok, type Result } from '../../errors/result.js';
import { armCall } from './arm-call.js';
import { unlessGone } from './unless-gone.js';

export interface DeleteNodeOptions {
  /** LRO poll interval; ARM's own Retry-After still wins when it sends one. */
  updateIntervalInMs: number;
}

/**
 * Deletes a node's VM, then its NIC, OS disk and data disks, one ARM call each through armCall:
 * a transient fault is thrown, the first permanent one returned (naming the resource). The VM
 * goes first because ARM refuses to delete a NIC (NicInUse) or a disk a VM still holds. ARM has
 * usually removed the NIC and disks with the VM (deleteOption 'Delete'), so their deletes answer
 * 204; they are sent anyway for a VM created without that option, or a run that crashed between
 * calls. A resource or group already gone counts as deleted, so the whole call can be repeated.
 */
export async function deleteNode(clients: ArmClients, node: DeploymentNode, options: DeleteNodeOptions): Promise<Result<void>> {
  const group = node.resourceGroup;
  const disks = [node.osDiskName, ...node.dataDisks.map((d) => d.name)];
  const steps: [string, () => PromiseLike<unknown>][] = [
    [`delete VM ${node.vmName}`, () => clients.compute.virtualMachines.delete(group, node.vmName, options)],
    [`delete NIC ${node.nicName}`, () => clients.network.networkInterfaces.beginDeleteAndWait(group, node.nicName, options)],
    ...disks.map((disk): [string, () => PromiseLike<unknown>] => [`delete disk ${disk}`, () => clients.compute.disks.delete(group, disk, options)]),
  ];
  for (const [what, work] of steps) {
    const result = await armCall(what, () => unlessGone(work));
    if (!result.ok) return result;
  }
  return ok(undefined);
}
