import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSimulator, SUBSCRIPTION, FAST, type TestSimulator } from '../arm-sim/start-test-simulator.js';
import { ArmDeployer } from '../../../shared/adapters/arm/arm-deployer.js';
import { createArmClients } from '../../../shared/adapters/arm/create-arm-clients.js';
import { createArmCredential } from '../../../shared/adapters/arm/create-arm-credential.js';
import { RunCommandNodeAgent } from '../../../shared/adapters/node-agent/run-command-node-agent.js';
import { validateClusterSpec } from '../../../shared/domain/spec/validate-cluster-spec.js';
import { planTopology } from '../../../shared/domain/topology/plan-topology.js';
import { toDeploymentPlan } from '../../../shared/domain/deploy/to-deployment-plan.js';
import type { RequestLogEntry } from '../../../local/arm-sim/request-log.js';
import { rbacActionsOfRun } from '../../../local/arm-sim/rbac-actions-of-run.js';
import { localSpecFixture } from '../../support/deployment-plan-fixture.js';
import { readClusterManagerRole } from '../../support/cluster-manager-role.js';
import { evaluateRoleCoverage } from '../../support/evaluate-role-coverage.js';
import { contractSnapshotJob } from '../../contract/node-agent-contract.js';
import { UNEXERCISED_ROLE_ACTIONS } from '../../e2e/support/unexercised-role-actions.js';

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHRlc3RrZXlmb3JzaW11bGF0b3Jvbmx5 test';
const CLOUD_INIT = Buffer.from('#cloud-config\n').toString('base64');

/** Two DCs of two nodes with what the e2e specs leave off: an internal load balancer, availability sets. */
function planWithLoadBalancerAndAvailabilitySets() {
  const spec = localSpecFixture(2, 2, { loadBalancer: true, name: 'roles' }) as { datacenters: Record<string, unknown>[] };
  for (const dc of spec.datacenters) dc.placement = { mode: 'availabilitySet' };
  const result = validateClusterSpec(spec, { target: 'local' });
  if (!result.ok) throw new Error(`spec invalid: ${JSON.stringify(result.issues)}`);
  return toDeploymentPlan(planTopology(result.spec));
}

// The e2e suite checks the role against the scenarios' calls; these are the product's paths the
// scenarios do not take, driven through the same adapters the activities call.
describe('the Cluster Manager role against the product\'s ARM calls on the load balancer, availability set and VM start paths', () => {
  const plan = planWithLoadBalancerAndAvailabilitySets();
  const owner = { cluster: plan.clusterName, tags: plan.tags };
  let t: TestSimulator;

  before(async () => {
    t = await startTestSimulator();
  });
  after(async () => { await t.dispose(); });

  /** Deallocates a VM as an operator would, outside the product: the tool principal's call is not the app's. */
  async function deallocateByHand(vm: { resourceGroup: string; vmName: string }): Promise<void> {
    const { sim } = t;
    const tool = createArmClients({ subscriptionId: SUBSCRIPTION, endpoint: sim.endpoint, caPem: sim.caPem,
      credential: createArmCredential({ kind: 'simulator', authorityHost: sim.tokenAuthorityHost, tenantId: sim.tenantId,
        clientId: sim.toolClientId, clientSecret: sim.toolClientSecret, caPem: sim.caPem }) });
    await tool.compute.virtualMachines.deallocate(vm.resourceGroup, vm.vmName, FAST);
  }

  async function deployRunAndDelete(): Promise<void> {
    const arm = new ArmDeployer(t.clients,
      { subscriptionId: SUBSCRIPTION, pollIntervalInMs: 0, sshPublicKey: SSH_KEY, clusterTag: 'autopilot-cluster' });
    const agent = new RunCommandNodeAgent(t.clients.compute, { conflictDelayInMs: 10, pollIntervalInMs: 0 });
    const written = [];
    for (const dc of plan.datacenters) {
      await arm.readResourceGroupOwner(dc.resourceGroup);
      written.push(await arm.ensureResourceGroup(dc.resourceGroup, dc.location, owner));
      for (const nsg of dc.nsgs) written.push(await arm.ensureNsg(dc, nsg, owner));
      written.push(await arm.ensureVnet(dc, owner), await arm.ensureLoadBalancer(dc, owner));
      for (const set of dc.availabilitySets) written.push(await arm.ensureAvailabilitySet(dc, set, owner));
    }
    for (const peering of plan.peerings) written.push(await arm.ensurePeering(peering));
    for (const node of plan.nodes) {
      const lb = plan.datacenters.find((d) => d.name === node.dc)?.loadBalancer;
      written.push(await arm.ensureNic(node, owner, lb), await arm.ensureVm(node, plan.vm, owner, CLOUD_INIT));
    }
    assert.deepEqual(written.filter((r) => !r.ok), [], 'every write succeeded');
    const node = plan.nodes[0]!;
    await deallocateByHand(node);
    assert.equal((await arm.startVm(node)).ok, true);
    assert.deepEqual((await arm.readVmStates(plan.nodes)).vms.map((v) => v.powerState), plan.nodes.map(() => 'running'));
    await agent.probeHealth({ node: node.name, resourceGroup: node.resourceGroup, vmName: node.vmName });
    const { job, secret } = contractSnapshotJob('http://127.0.0.1:9/backups', 'roles-snap-1');
    await agent.startNodeJob(node, job, secret);
    await agent.readNodeJob(node, job);
    await agent.deleteNodeJob(node, job.name);
    for (const group of plan.resourceGroups) assert.equal((await arm.deleteResourceGroup(group.name)).ok, true);
  }

  it('needs only actions the role holds, among them every action the e2e scenarios are exempted from', async () => {
    await deployRunAndDelete();
    // The admin endpoint keeps the last 1,000 requests: several times what this run makes.
    const entries = ((await t.admin('GET', '/_admin/requests')).body as { value: RequestLogEntry[] }).value;
    const needs = rbacActionsOfRun(entries.filter((e) => e.caller === t.sim.clientId));
    assert.deepEqual(needs.unmapped, []);
    const role = readClusterManagerRole().actions;
    const coverage = evaluateRoleCoverage(role, needs.actions, {});
    assert.deepEqual(coverage.notAllowed, [], 'every action the product needed is in the role');
    const exempted = Object.keys(UNEXERCISED_ROLE_ACTIONS);
    assert.deepEqual(exempted.filter((action) => !needs.actions.some((a) => a.toLowerCase() === action.toLowerCase())), [],
      'each action the e2e check exempts is needed on these paths');
  });
});
