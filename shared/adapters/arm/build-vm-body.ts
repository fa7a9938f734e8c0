import type { VirtualMachine } from '@azure/arm-compute';
import type { DeploymentNode, VmProfile } from '../../domain/deploy/deployment-plan.js';

export interface VmBodyOptions {
  nicId: string;
  availabilitySetId?: string;
  sshPublicKey: string;
  tags: Record<string, string>;
  /** The node's cloud-init, base64. */
  customData: string;
}

/**
 * The VM's ARM body (arm-compute 24's flattened model: no `properties` wrapper, which it would
 * drop silently). Disks and the NIC are deleted with the VM so nothing is left behind.
 */
export function buildVmBody(node: DeploymentNode, profile: VmProfile, o: VmBodyOptions): VirtualMachine {
  return {
    location: node.location,
    tags: o.tags,
    ...(node.zone ? { zones: [node.zone] } : {}),
    ...(o.availabilitySetId ? { availabilitySet: { id: o.availabilitySetId } } : {}),
    hardwareProfile: { vmSize: node.vmSize },
    storageProfile: {
      imageReference: { ...profile.osImage },
      osDisk: { name: node.osDiskName, createOption: 'FromImage', deleteOption: 'Delete', managedDisk: { storageAccountType: 'Premium_LRS' } },
      dataDisks: node.dataDisks.map((d) => ({ lun: d.lun, name: d.name, createOption: 'Empty', diskSizeGB: d.sizeGb,
        caching: profile.dataDiskCaching, deleteOption: 'Delete', managedDisk: { storageAccountType: profile.dataDiskSku } })),
    },
    osProfile: {
      computerName: node.vmName, adminUsername: profile.adminUsername, customData: o.customData,
      linuxConfiguration: { disablePasswordAuthentication: true,
        ssh: { publicKeys: [{ path: `/home/${profile.adminUsername}/.ssh/authorized_keys`, keyData: o.sshPublicKey }] } },
    },
    networkProfile: { networkInterfaces: [{ id: o.nicId, primary: true, deleteOption: 'Delete' }] },
  };
}
