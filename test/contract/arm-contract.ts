import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArmPort, ResourceOwner, VmRef } from '../../shared/domain/ports/arm-port.js';
import type { DeploymentNode } from '../../shared/domain/deploy/deployment-plan.js';
import type { VpnConnectionPlan } from '../../shared/domain/topology/cluster-plan.js';
import type { Result } from '../../shared/errors/result.js';

/** A minimal cloud-init document for a node's VM, base64 as customData takes it. */
const cloudInitOf = (node: { name: string }) => Buffer.from(`#cloud-config\n# ${node.name}\n`).toString('base64');
import { deploymentPlanFixture } from '../support/deployment-plan-fixture.js';

/** The Azure failures the contract provokes; each lasts until cleared. */
export type ArmFault = 'vmAllocationFailed' | 'nsgThrottled' | 'vnetInternalError' | 'vmReadThrottled' | 'vmDeleteThrottled';

/** An ArmPort with the few levers the contract needs to provoke what Azure does on its own. */
export interface ArmContractSubject {
  arm: ArmPort;
  injectFault(fault: ArmFault): Promise<void>;
  clearFaults(): Promise<void>;
  setPowerState(vm: VmRef, state: 'running' | 'stopped' | 'deallocated'): Promise<void>;
  /** Creates a resource group as someone other than the product would: with these tags, or none. */
  createGroupByHand(name: string, tags?: Record<string, string>): Promise<void>;
  /** The VMs, NICs and disks in a group, read beside the port: sorted `vm/<name>`, `nic/<name>`, `disk/<name>`, lower-cased. */
  machineResources(resourceGroup: string): Promise<string[]>;
  /** Makes a VPN connection as someone other than the product would: untagged, with a key of its own. */
  createVpnConnectionByHand(connection: VpnConnectionPlan): Promise<void>;
}

// The spec's tags include a spoofed product tag: the product's own value must win.
const OWNER: ResourceOwner = { cluster: 'demo', tags: { env: 'contract', 'autopilot-cluster': 'spoofed' } };
const plan = deploymentPlanFixture(2, 1, { loadBalancer: true });
const ref = (node: DeploymentNode): VmRef => ({ resourceGroup: node.resourceGroup, vmName: node.vmName });
const okResult: Result<void> = { ok: true, value: undefined };

async function provision(arm: ArmPort): Promise<Result<void>[]> {
  const results: Result<void>[] = [];
  for (const dc of plan.datacenters) {
    results.push(await arm.ensureResourceGroup(dc.resourceGroup, dc.location, OWNER));
    for (const nsg of dc.nsgs) results.push(await arm.ensureNsg(dc, nsg, OWNER));
    results.push(await arm.ensureVnet(dc, OWNER));
    results.push(await arm.ensureLoadBalancer(dc, OWNER));
    for (const set of dc.availabilitySets) results.push(await arm.ensureAvailabilitySet(dc, set, OWNER));
  }
  for (const peering of plan.peerings) results.push(await arm.ensurePeering(peering));
  for (const node of plan.nodes) {
    const lb = plan.datacenters.find((d) => d.name === node.dc)?.loadBalancer;
    results.push(await arm.ensureNic(node, OWNER, lb), await arm.ensureVm(node, plan.vm, OWNER, cloudInitOf(node)));
  }
  return results;
}

function azureCodeOf(result: Result<void>): string | undefined {
  return result.ok ? undefined : result.error.azureCode;
}

/** A node beside the first one in its group, with a machine all its own (the fixture's disk names are the first's). */
function spareNode(first: DeploymentNode, suffix: string, privateIp: string): DeploymentNode {
  return { ...first, vmName: `vm-${suffix}`, nicName: `nic-${suffix}`, privateIp, osDiskName: `osdisk-${suffix}`,
    dataDisks: first.dataDisks.map((d) => ({ ...d, name: `${d.name}-${suffix}` })) };
}

/** What a node's machine is made of, as machineResources names it. */
function machineOf(node: DeploymentNode): string[] {
  return [`vm/${node.vmName}`, `nic/${node.nicName}`, `disk/${node.osDiskName}`, ...node.dataDisks.map((d) => `disk/${d.name}`)]
    .map((r) => r.toLowerCase()).sort();
}

/**
 * The ArmPort contract: ArmDeployer on the ARM simulator and the in-memory twin run these same
 * cases (in order: later cases use the cluster the first one provisions), so the twin cannot
 * drift from the adapter.
 */
export function describeArmContract(name: string, subject: () => ArmContractSubject): void {
  describe(`ArmPort contract: ${name}`, () => {
    const arm = () => subject().arm;
    const [first, second] = plan.nodes as [DeploymentNode, DeploymentNode];

    it('provisions a two-DC cluster with PUT semantics: every call succeeds twice and the VMs run', async () => {
      const results = [...await provision(arm()), ...await provision(arm())];
      assert.deepEqual(results, Array(results.length).fill(okResult));
      const view = await arm().readVmStates(plan.nodes.map(ref));
      assert.equal(view.ok, true);
      assert.deepEqual(view.vms, plan.nodes.map((n) => ({ vmName: n.vmName, powerState: 'running', provisioningState: 'succeeded' })));
    });

    it('reads who owns a group: absent, untagged, another cluster\'s, and the cluster the product tagged it for', async () => {
      await subject().createGroupByHand('rg-by-hand');
      await subject().createGroupByHand('rg-foreign', { 'Autopilot-Cluster': 'other', env: 'x' });
      const owners = await Promise.all(['rg-never-made', 'rg-by-hand', 'rg-foreign', plan.resourceGroups[0]!.name]
        .map((name) => arm().readResourceGroupOwner(name)));
      assert.deepEqual(owners, [{ exists: false }, { exists: true }, { exists: true, cluster: 'other' }, { exists: true, cluster: 'demo' }]
        .map((value) => ({ ok: true, value })));
      for (const g of ['rg-by-hand', 'rg-foreign']) assert.deepEqual(await arm().deleteResourceGroup(g), okResult);
    });

    it('reports power states, and a VM that does not exist as notFound beside those that do', async () => {
      await subject().setPowerState(ref(first), 'deallocated');
      await subject().setPowerState(ref(second), 'stopped');
      const view = await arm().readVmStates([ref(first), ref(second), { resourceGroup: first.resourceGroup, vmName: 'vm-never-made' }]);
      assert.deepEqual(view.vms.map((v) => [v.vmName, v.powerState, v.provisioningState]), [
        [first.vmName, 'deallocated', 'succeeded'], [second.vmName, 'stopped', 'succeeded'], ['vm-never-made', 'unknown', 'notFound']]);
    });

    it('leaves an existing VM as it is on a second ensureVm: a deallocated VM is not started', async () => {
      assert.deepEqual(await arm().ensureVm(first, plan.vm, OWNER, cloudInitOf(first)), okResult);
      assert.equal((await arm().readVmStates([ref(first)])).vms[0]?.powerState, 'deallocated');
      await subject().setPowerState(ref(first), 'running');
      await subject().setPowerState(ref(second), 'running');
    });

    it('returns writes into a missing group, a VM without its NIC or on another VM\'s NIC as permanent failures', async () => {
      const dc = { ...plan.datacenters[0]!, resourceGroup: 'rg-missing' };
      const nsg = await arm().ensureNsg(dc, dc.nsgs[0]!, OWNER);
      assert.equal(!nsg.ok && nsg.error.code, 'CASSOPS_ARM_FAILED');
      assert.equal(azureCodeOf(nsg), 'ResourceGroupNotFound');
      const orphan = { ...first, vmName: 'vm-orphan', nicName: 'nic-never-made' };
      const vm = await arm().ensureVm(orphan, plan.vm, OWNER, cloudInitOf(first));
      assert.equal(azureCodeOf(vm), 'NotFound');
      assert.match(!vm.ok ? vm.error.message : '', /^VM vm-orphan: NotFound: /);
      assert.equal(azureCodeOf(await arm().ensureVm({ ...first, vmName: 'vm-squatter' }, plan.vm, OWNER, cloudInitOf(first))), 'NicInUse');
    });

    it('returns AllocationFailed with Azure\'s code and message, and the same call succeeds once capacity returns', async () => {
      const node = { ...first, vmName: 'vm-alloc', nicName: 'nic-alloc', privateIp: '127.1.1.20' };
      assert.deepEqual(await arm().ensureNic(node, OWNER), okResult);
      await subject().injectFault('vmAllocationFailed');
      const failed = await arm().ensureVm(node, plan.vm, OWNER, cloudInitOf(first));
      assert.equal(!failed.ok && failed.error.code, 'CASSOPS_ARM_FAILED');
      assert.equal(azureCodeOf(failed), 'AllocationFailed');
      assert.match(!failed.ok ? failed.error.message : '', /^VM vm-alloc: AllocationFailed: /);
      await subject().clearFaults();
      assert.deepEqual(await arm().ensureVm(node, plan.vm, OWNER, cloudInitOf(first)), okResult);
    });

    it('throws throttling and server errors as retryable OpsErrors instead of returning them', async () => {
      const dc = plan.datacenters[0]!;
      await subject().injectFault('nsgThrottled');
      await assert.rejects(arm().ensureNsg(dc, dc.nsgs[0]!, OWNER), { name: 'OpsError', code: 'CASSOPS_ARM_THROTTLED', retryable: true });
      await subject().injectFault('vnetInternalError');
      await assert.rejects(arm().ensureVnet(dc, OWNER), { name: 'OpsError', code: 'CASSOPS_ARM_TRANSIENT', retryable: true });
      await subject().clearFaults();
      assert.deepEqual(await arm().ensureVnet(dc, OWNER), okResult);
    });

    it('reports a throttled read as a view that is not ok, never as VMs that are stopped', async () => {
      await subject().injectFault('vmReadThrottled');
      const view = await arm().readVmStates([ref(first)]);
      await subject().clearFaults();
      assert.equal(view.ok, false);
      assert.deepEqual(view.vms, []);
      assert.ok(view.error);
    });

    it('starts a deallocated VM, and a start of a running VM succeeds as well', async () => {
      await subject().setPowerState(ref(first), 'deallocated');
      assert.deepEqual(await arm().startVm(ref(first)), okResult);
      assert.equal((await arm().readVmStates([ref(first)])).vms[0]?.powerState, 'running');
      assert.deepEqual(await arm().startVm(ref(first)), okResult);
      assert.equal((await arm().readVmStates([ref(first)])).vms[0]?.powerState, 'running');
    });

    it('returns a start of a VM that does not exist as a permanent failure naming the VM', async () => {
      const started = await arm().startVm({ resourceGroup: first.resourceGroup, vmName: 'vm-never-made' });
      assert.equal(!started.ok && started.error.code, 'CASSOPS_ARM_FAILED');
      assert.equal(azureCodeOf(started), 'ResourceNotFound');
      assert.match(!started.ok ? started.error.message : '', /^start VM vm-never-made: ResourceNotFound: .*vm-never-made/);
    });

    it('deletes a node\'s VM with its NIC and disks, and a second delete of the node succeeds', async () => {
      const group = second.resourceGroup;
      assert.deepEqual((await subject().machineResources(group)).filter((r) => machineOf(second).includes(r)), machineOf(second));
      assert.deepEqual(await arm().deleteNode(second), okResult);
      assert.deepEqual((await arm().readVmStates([ref(second)])).vms.map((v) => v.provisioningState), ['notFound']);
      assert.deepEqual((await subject().machineResources(group)).filter((r) => machineOf(second).includes(r)), []);
      assert.deepEqual(await arm().deleteNode(second), okResult);
    });

    it('deletes a node whose VM is already gone but whose NIC remains (a crash between calls)', async () => {
      const node = spareNode(first, 'half', '127.1.1.21');
      assert.deepEqual(await arm().ensureNic(node, OWNER), okResult);
      assert.ok((await subject().machineResources(node.resourceGroup)).includes('nic/nic-half'));
      assert.deepEqual(await arm().deleteNode(node), okResult);
      assert.ok(!(await subject().machineResources(node.resourceGroup)).includes('nic/nic-half'));
    });

    it('throws a throttled delete for Durable to retry, and the repeated call finishes the delete', async () => {
      const node = spareNode(first, 'retry', '127.1.1.22');
      assert.deepEqual([await arm().ensureNic(node, OWNER), await arm().ensureVm(node, plan.vm, OWNER, cloudInitOf(node))], [okResult, okResult]);
      await subject().injectFault('vmDeleteThrottled');
      await assert.rejects(arm().deleteNode(node), { name: 'OpsError', code: 'CASSOPS_ARM_THROTTLED', retryable: true });
      await subject().clearFaults();
      assert.deepEqual(await arm().deleteNode(node), okResult);
      assert.deepEqual((await subject().machineResources(node.resourceGroup)).filter((r) => machineOf(node).includes(r)), []);
    });

    it('deletes a peering (a datacenter leaving), and deleting it again succeeds', async () => {
      const peering = plan.peerings[0];
      assert.ok(peering, 'the contract\'s plan peers its datacenters');
      assert.deepEqual(await arm().deletePeering(peering), okResult);
      assert.deepEqual(await arm().deletePeering(peering), okResult);
      assert.deepEqual(await arm().ensurePeering(peering), okResult, 'and it can be made again');
    });

    it('links two DCs by VPN: gateways begun (and left alone once there), connections Connected both ways, deletes only its own', async () => {
      const vpnPlan = deploymentPlanFixture(2, 1, { vpnGateway: true, name: 'vpnc' });
      const owner = { ...OWNER, cluster: 'vpnc' };
      for (const dc of vpnPlan.datacenters) {
        assert.deepEqual(await arm().ensureResourceGroup(dc.resourceGroup, dc.location, owner), okResult);
        for (const nsg of dc.nsgs) assert.deepEqual(await arm().ensureNsg(dc, nsg, owner), okResult);
        assert.deepEqual(await arm().ensureVnet(dc, owner), okResult);
      }
      const gateways = vpnPlan.vpnGateways!;
      const [there, back] = vpnPlan.vpnConnections! as [VpnConnectionPlan, VpnConnectionPlan];
      assert.deepEqual(await arm().readVpnGatewayState(gateways[0]!), { ok: true, value: 'Absent' });
      for (const gw of gateways) assert.equal((await arm().beginVpnGateway(gw, owner)).ok, true);
      for (const gw of gateways) assert.deepEqual(await arm().beginVpnGateway(gw, owner), { ok: true, value: 'Succeeded' }, 'a second begin changes nothing');
      assert.deepEqual(await arm().ensureVpnConnection(there, 'key-1', owner), okResult);
      assert.deepEqual(await arm().readVpnConnectionStatus(there), { ok: true, value: 'NotConnected' }, 'one direction alone');
      assert.deepEqual(await arm().ensureVpnConnection(back, 'key-1', owner), okResult);
      assert.deepEqual(await Promise.all([there, back].map((c) => arm().readVpnConnectionStatus(c))),
        [{ ok: true, value: 'Connected' }, { ok: true, value: 'Connected' }]);
      const stranger = { ...there, name: 'con-by-hand' };
      await subject().createVpnConnectionByHand(stranger);
      const left = await arm().deleteVpnConnection(stranger, 'vpnc');
      assert.equal(left.ok && left.value.deleted, false, 'a connection the product did not make is left');
      for (const c of [there, back, there]) assert.deepEqual(await arm().deleteVpnConnection(c, 'vpnc'), { ok: true, value: { deleted: true } });
      assert.deepEqual(await arm().readVpnConnectionStatus(there), { ok: true, value: 'Absent' });
      const missingGateway = await arm().ensureVpnConnection({ ...there, remoteGatewayName: 'vgw-nowhere' }, 'key-1', owner);
      assert.equal(azureCodeOf(missingGateway), 'InvalidResourceReference');
      for (const g of vpnPlan.resourceGroups) assert.deepEqual(await arm().deleteResourceGroup(g.name), okResult);
    });

    it('deletes resource groups with their VMs, and a second delete of a group already gone succeeds', async () => {
      for (const g of plan.resourceGroups) assert.deepEqual(await arm().deleteResourceGroup(g.name), okResult);
      assert.deepEqual((await arm().readVmStates(plan.nodes.map(ref))).vms.map((v) => v.provisioningState), ['notFound', 'notFound']);
      assert.deepEqual(await arm().deleteResourceGroup(plan.resourceGroups[0]!.name), okResult);
      assert.equal(azureCodeOf(await arm().ensureNic(first, OWNER)), 'ResourceGroupNotFound');
    });
  });
}
