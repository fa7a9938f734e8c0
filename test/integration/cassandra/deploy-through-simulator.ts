import type { ArmClients } from '../../../shared/adapters/arm/create-arm-clients.js';
import type { ClusterPlan, NodePlan } from '../../../shared/domain/topology/cluster-plan.js';
import { renderCloudInit } from '../../../shared/domain/render/render-cloud-init.js';
import { validateClusterSpec } from '../../../shared/domain/spec/validate-cluster-spec.js';
import { planTopology } from '../../../shared/domain/topology/plan-topology.js';
import { parseRunCommandMessage } from './parse-run-command-message.js';
import { testNodeTlsFiles } from '../../support/node-tls-fixture.js';

const FAST = { updateIntervalInMs: 0 } as const;

/** Plans a local cluster spec, failing loudly if the spec is invalid. */
export function planLocalCluster(spec: unknown): ClusterPlan {
  const result = validateClusterSpec(spec, { target: 'local' });
  if (!result.ok) throw new Error(`invalid test spec: ${JSON.stringify(result.issues)}`);
  return planTopology(result.spec);
}

/** Every node of a plan, with its DC's location. */
export function planNodes(plan: ClusterPlan): NodePlan[] {
  return plan.datacenters.flatMap((dc) => dc.nodes);
}

/**
 * Creates, through the real SDK clients, what the guests need from a plan: per DC a resource
 * group, VNet and data subnet; per node a NIC with its planned static IP and a VM whose
 * customData is the product's cloud-init (with TLS files from the cluster's test CA), with a data disk that is deleted with the VM.
 * Returns the VM ids by node name.
 */
export async function createPlannedVms({ network, compute, resources }: ArmClients, plan: ClusterPlan): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const dc of plan.datacenters) {
    await resources.resourceGroups.createOrUpdate(dc.resourceGroup, { location: dc.location });
    const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(dc.resourceGroup, dc.vnet.name, {
      location: dc.location, addressSpace: { addressPrefixes: [dc.vnet.addressSpace] },
      subnets: [{ name: dc.subnets.data.name, addressPrefix: dc.subnets.data.addressPrefix }],
    }, FAST);
    for (const node of dc.nodes) {
      const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait(node.resourceGroup, node.nicName, {
        location: node.location,
        ipConfigurations: [{ name: 'ipconfig1', subnet: { id: vnet.subnets![0]!.id }, privateIPAllocationMethod: 'Static', privateIPAddress: node.privateIp }],
      }, FAST);
      const vm = await compute.virtualMachines.beginCreateOrUpdateAndWait(node.resourceGroup, node.vmName, {
        location: node.location,
        hardwareProfile: { vmSize: node.vmSize },
        storageProfile: {
          imageReference: plan.vm.osImage,
          osDisk: { name: node.osDiskName, createOption: 'FromImage', deleteOption: 'Delete' },
          dataDisks: [{ lun: node.dataDiskLun, name: node.dataDiskName, createOption: 'Empty', diskSizeGB: plan.vm.dataDisk.sizeGiB, deleteOption: 'Delete' }],
        },
        osProfile: {
          computerName: node.vmName, adminUsername: plan.vm.adminUsername,
          customData: Buffer.from(renderCloudInit(plan, node, 'ordered', {}, await testNodeTlsFiles(plan.clusterName, node))).toString('base64'),
          linuxConfiguration: { disablePasswordAuthentication: true },
        },
        networkProfile: { networkInterfaces: [{ id: nic.id!, primary: true, deleteOption: 'Delete' }] },
      }, FAST);
      ids.set(node.name, vm.id!);
    }
  }
  return ids;
}

/** Runs a shell script on a VM through Run Command (RunShellScript) and returns its stdout; throws on failure. */
export async function runCommand(clients: ArmClients, node: NodePlan, script: string): Promise<string> {
  const result = await clients.compute.virtualMachines.beginRunCommandAndWait(node.resourceGroup, node.vmName,
    { commandId: 'RunShellScript', script: script.split('\n') }, FAST);
  const parsed = parseRunCommandMessage(result.value?.[0]?.message ?? '');
  if (!parsed.succeeded) throw new Error(`Run Command on ${node.vmName} failed: ${parsed.stderr.trim()}`);
  return parsed.stdout;
}
