import { after, before } from 'node:test';
import { startTestSimulator, SUBSCRIPTION, FAST, LOCATION, type TestSimulator } from '../arm-sim/start-test-simulator.js';
import { ArmDeployer } from '../../../shared/adapters/arm/arm-deployer.js';
import { describeArmContract, type ArmContractSubject, type ArmFault } from '../../contract/arm-contract.js';
import type { FaultRule } from '../../../local/arm-sim/fault-injector.js';

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHRlc3RrZXlmb3JzaW11bGF0b3Jvbmx5 test';
// Counts outlast the SDK's own retries (3 in the test clients), so the fault reaches the adapter.
const RULES: Record<ArmFault, Omit<FaultRule, 'count'>> = {
  vmAllocationFailed: { resourceType: 'Microsoft.Compute/virtualMachines', verb: 'PUT',
    fault: { kind: 'failLro', code: 'AllocationFailed', message: 'No capacity for Standard_B2ms.' } },
  nsgThrottled: { resourceType: 'Microsoft.Network/networkSecurityGroups', verb: 'PUT',
    fault: { kind: 'throttle', retryAfterSeconds: 0 } },
  vnetInternalError: { resourceType: 'Microsoft.Network/virtualNetworks', verb: 'PUT',
    fault: { kind: 'error', code: 'InternalServerError', status: 500 } },
  vmReadThrottled: { resourceType: 'Microsoft.Compute/virtualMachines', verb: 'instanceView',
    fault: { kind: 'throttle', retryAfterSeconds: 0 } },
  vmDeleteThrottled: { resourceType: 'Microsoft.Compute/virtualMachines', verb: 'DELETE',
    fault: { kind: 'throttle', retryAfterSeconds: 0 } },
};

/** Every name in an async listing, lower-cased and prefixed with its kind. */
async function namesOf(kind: string, listing: AsyncIterable<{ name?: string }>): Promise<string[]> {
  const names: string[] = [];
  for await (const resource of listing) names.push(`${kind}/${(resource.name ?? '').toLowerCase()}`);
  return names;
}

let t: TestSimulator;
let subject: ArmContractSubject;
before(async () => {
  t = await startTestSimulator();
  const compute = () => t.clients.compute.virtualMachines;
  subject = {
    arm: new ArmDeployer(t.clients,
    { subscriptionId: SUBSCRIPTION, pollIntervalInMs: 0, sshPublicKey: SSH_KEY, clusterTag: 'autopilot-cluster' }),
    injectFault: async (fault) => { t.sim.faults.add({ ...RULES[fault], count: 100 }); },
    clearFaults: async () => t.sim.faults.clear(),
    setPowerState: async ({ resourceGroup, vmName }, state) => {
      if (state === 'running') await compute().beginStartAndWait(resourceGroup, vmName, FAST);
      else if (state === 'stopped') await compute().beginPowerOffAndWait(resourceGroup, vmName, FAST);
      else await compute().beginDeallocateAndWait(resourceGroup, vmName, FAST);
    },
    createGroupByHand: async (name, tags) => {
      await t.clients.resources.resourceGroups.createOrUpdate(name, { location: LOCATION, ...(tags ? { tags } : {}) });
    },
    createVpnConnectionByHand: async (c) => {
      const gateway = (group: string, name: string) => ({ id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${group}/providers/Microsoft.Network/virtualNetworkGateways/${name}` });
      await t.clients.network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(c.resourceGroup, c.name, {
        location: c.location, connectionType: 'Vnet2Vnet', sharedKey: 'by-hand', virtualNetworkGateway1: gateway(c.resourceGroup, c.gatewayName),
        virtualNetworkGateway2: gateway(c.remoteResourceGroup, c.remoteGatewayName) }, FAST);
    },
    machineResources: async (group) => [
      ...await namesOf('vm', compute().list(group)),
      ...await namesOf('nic', t.clients.network.networkInterfaces.list(group)),
      ...await namesOf('disk', t.clients.compute.disks.listByResourceGroup(group)),
    ].sort(),
  };
});
after(async () => { await t.dispose(); });

describeArmContract('ArmDeployer on the ARM simulator', () => subject);
