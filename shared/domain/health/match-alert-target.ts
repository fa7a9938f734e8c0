/** A VM the product manages, as alert matching needs it. */
export interface ManagedVm {
  cluster: string;
  node: string;
  resourceGroup: string;
  vmName: string;
}

/** Which cluster (and node, for a VM) an alert is about. */
export interface AlertMatch {
  cluster: string;
  node?: string;
}

const VM_ID = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)\/providers\/microsoft\.compute\/virtualmachines\/([^/]+)/i;
const RG_ID = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)(?:\/|$)/i;

/**
 * Matches an alert's target ARM ids to the managed VMs: a VM id (or a child of it, such as an
 * extension) matches its node; any other id inside a managed resource group (a disk, a NIC, the
 * group itself) matches the cluster. Comparison is case-insensitive: Azure lower-cases target
 * ids in alert payloads while the product names resources in its own case. The first target
 * that matches wins; undefined when none does.
 */
export function matchAlertTarget(targetIds: string[], vms: ManagedVm[]): AlertMatch | undefined {
  const byVm = new Map(vms.map((v) => [`${v.resourceGroup.toLowerCase()}/${v.vmName.toLowerCase()}`, v]));
  const clusterByGroup = new Map(vms.map((v) => [v.resourceGroup.toLowerCase(), v.cluster]));
  for (const id of targetIds) {
    const vm = VM_ID.exec(id);
    const managed = vm ? byVm.get(`${vm[1]!.toLowerCase()}/${vm[2]!.toLowerCase()}`) : undefined;
    if (managed) return { cluster: managed.cluster, node: managed.node };
  }
  for (const id of targetIds) {
    const group = RG_ID.exec(id);
    const cluster = group ? clusterByGroup.get(group[1]!.toLowerCase()) : undefined;
    if (cluster) return { cluster };
  }
  return undefined;
}
