import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSimulator, SUBSCRIPTION, type TestSimulator } from '../arm-sim/start-test-simulator.js';
import { ArmDeployer } from '../../../shared/adapters/arm/arm-deployer.js';
import { RunCommandNodeAgent } from '../../../shared/adapters/node-agent/run-command-node-agent.js';
import { createNetworkActivities } from '../../../shared/activities/network-activities.js';
import { createNodeActivities } from '../../../shared/activities/node-activities.js';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { deploymentPlanFixture, validSpecFixture } from '../../support/deployment-plan-fixture.js';
import { planTopology } from '../../../shared/domain/topology/plan-topology.js';
import { renderCloudInit } from '../../../shared/domain/render/render-cloud-init.js';
import { InMemoryStateStore } from '../../../shared/adapters/memory/in-memory-state-store.js';
import { LOCATION } from '../arm-sim/start-test-simulator.js';
import { X509Certificate } from 'node:crypto';
import { parse } from 'yaml';
import { InMemorySecretStore } from '../../../shared/adapters/memory/in-memory-secret-store.js';
import { SelfsignedCertificateIssuer } from '../../../shared/adapters/x509/selfsigned-certificate-issuer.js';
import { ensureClusterCa } from '../../../shared/activities/cluster-tls.js';
import { clusterCaSecretNames } from '../../../shared/domain/ports/secret-store.js';
import { CA_CERT_PATH, NODE_KEYSTORE_PATH } from '../../../shared/domain/render/render-tls-settings.js';

type WrittenFile = { path: string; content: string; permissions: string };
/** A base64 customData's write_files, by path. */
function writtenFiles(customData: string): Map<string, WrittenFile> {
  const document = parse(Buffer.from(customData, 'base64').toString('utf8')) as { write_files: WrittenFile[] };
  return new Map(document.write_files.map((f) => [f.path, f]));
}

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHRlc3RrZXlmb3JzaW11bGF0b3Jvbmx5 test';
const TAGS = { env: 'ci', costCenter: 'cc-42' };
const spec = validSpecFixture(2, 1, { loadBalancer: true, tags: TAGS });
const plan = deploymentPlanFixture(2, 1, { loadBalancer: true, tags: TAGS });
const APP_GROUP = 'rg-autopilot-app';
const tags = plan.tags;

describe('ARM activities against the simulator with the real SDK clients', () => {
  let t: TestSimulator;
  let network: ReturnType<typeof createNetworkActivities>;
  let nodes: ReturnType<typeof createNodeActivities>;
  const sentCloudInit = new Map<string, string>();
  const count = (type: string) => t.sim.state.resources(type).length;
  const fault = (rule: unknown) => t.admin('POST', '/_admin/faults', rule);

  const secrets = new InMemorySecretStore();
  const certificates = new SelfsignedCertificateIssuer();

  before(async () => {
    t = await startTestSimulator();
    const arm = new ArmDeployer(t.clients, { subscriptionId: SUBSCRIPTION, pollIntervalInMs: 0, sshPublicKey: SSH_KEY, clusterTag: 'autopilot-cluster' });
    const ensureVm = arm.ensureVm.bind(arm);
    arm.ensureVm = (node, profile, cluster, customData) => { sentCloudInit.set(node.name, customData); return ensureVm(node, profile, cluster, customData); };
    const state = new InMemoryStateStore();
    // The deployment's preparation made the cluster's CA before any VM.
    await ensureClusterCa(secrets, certificates, plan.clusterName);
    await state.createCluster({ name: plan.clusterName, state: 'Ready', spec, plan, lastOperationId: 'op-1',
      createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
    const deps = {
      arm, state, appResourceGroup: APP_GROUP, secrets, certificates,
      agent: new RunCommandNodeAgent(t.clients.compute, { conflictDelayInMs: 10, pollIntervalInMs: 0 }),
    } as unknown as ActivityDeps;
    network = createNetworkActivities(deps);
    nodes = createNodeActivities(deps);
  });
  after(async () => { await t.dispose(); });

  async function provision() {
    const results = [];
    for (const dc of plan.datacenters) {
      results.push(await network.createOrUpdateResourceGroup({ clusterName: plan.clusterName, name: dc.resourceGroup, location: dc.location, tags }));
      for (const nsg of dc.nsgs) results.push(await network.createOrUpdateNsg({ clusterName: plan.clusterName, dc, tags, partName: nsg.name }));
      results.push(await network.createOrUpdateVnet({ clusterName: plan.clusterName, dc, tags }));
      results.push(await network.createOrUpdateLoadBalancer({ clusterName: plan.clusterName, dc, tags }));
    }
    for (const peering of plan.peerings) results.push(await network.createOrUpdatePeering({ peering }));
    for (const node of plan.nodes) {
      const lb = plan.datacenters.find((d) => d.name === node.dc)?.loadBalancer;
      const input = { clusterName: plan.clusterName, node, vm: plan.vm, tags, spec, ...(lb ? { loadBalancer: lb } : {}) };
      results.push(await nodes.createOrUpdateNic(input), await nodes.createOrUpdateVm(input));
    }
    return results;
  }

  it('creates the planned network, peerings, NICs with static addresses and VMs; a second run adds nothing', async () => {
    for (const r of await provision()) assert.deepEqual(r, { ok: true, value: undefined });
    assert.equal(count('Microsoft.Compute/virtualMachines'), 2);
    assert.equal(count('Microsoft.Network/virtualNetworks/virtualNetworkPeerings'), 2);
    const nics = t.sim.state.resources('Microsoft.Network/networkInterfaces') as unknown as { properties: { ipConfigurations: { properties: { privateIPAddress: string } }[] } }[];
    assert.deepEqual(nics.map((n) => n.properties.ipConfigurations[0]?.properties.privateIPAddress).sort(), plan.nodes.map((n) => n.privateIp).sort());
    // The activity renders each VM's cloud-init from the spec: the very document the planner's render gives
    // (ordered joins when the input names no first boot, as deployments started before it did), plus the
    // node's TLS files: the cluster CA and a key and certificate issued for the node's own address.
    const clusterPlan = planTopology(spec);
    const caPem = (await secrets.getSecret(clusterCaSecretNames(plan.clusterName).cert))!;
    const ca = new X509Certificate(caPem);
    for (const node of clusterPlan.datacenters.flatMap((dc) => dc.nodes)) {
      const sent = writtenFiles(sentCloudInit.get(node.name)!);
      const planned = writtenFiles(Buffer.from(renderCloudInit(clusterPlan, node, 'ordered'), 'utf8').toString('base64'));
      assert.deepEqual([...sent.keys()].filter((p) => p !== CA_CERT_PATH && p !== NODE_KEYSTORE_PATH), [...planned.keys()], node.name);
      for (const [path, file] of planned) assert.deepEqual(sent.get(path), file, `${node.name} ${path}`);
      assert.equal(sent.get(CA_CERT_PATH)?.content, caPem);
      const keystore = sent.get(NODE_KEYSTORE_PATH)!;
      assert.equal(keystore.permissions, '0600', 'the key is readable by its owner only');
      assert.match(keystore.content, /^-----BEGIN PRIVATE KEY-----/);
      const nodeCert = new X509Certificate(keystore.content.slice(keystore.content.indexOf('-----BEGIN CERTIFICATE-----')));
      assert.equal(nodeCert.subjectAltName, `IP Address:${node.privateIp}`);
      assert.ok(nodeCert.checkIssued(ca) && nodeCert.verify(ca.publicKey), `${node.name}'s certificate is signed by the cluster CA`);
    }
    for (const r of await provision()) assert.equal(r.ok, true);
    assert.equal(count('Microsoft.Compute/virtualMachines'), 2);
    assert.equal(count('Microsoft.Network/networkInterfaces'), 2);
  });

  it('puts the spec\'s tags and the product\'s own on the resource group, VNet, NIC and VM it creates', async () => {
    const expected = { ...TAGS, 'autopilot-cluster': plan.clusterName };
    for (const type of ['Microsoft.Resources/resourceGroups', 'Microsoft.Network/virtualNetworks', 'Microsoft.Network/networkInterfaces',
      'Microsoft.Compute/virtualMachines']) {
      const found = t.sim.state.resources(type).filter((r) => r.name.includes(plan.clusterName));
      assert.equal(found.length, 2, type);
      for (const r of found) assert.deepEqual(r.tags, expected, `${type} ${r.name}`);
    }
  });

  it('refuses a group someone else created before the deployment reached it, as a permanent failure, leaving it as it was', async () => {
    await t.clients.resources.resourceGroups.createOrUpdate('rg-squatted', { location: LOCATION, tags: { owner: 'someone' } });
    for (const name of ['rg-squatted', APP_GROUP]) {
      const result = await network.createOrUpdateResourceGroup({ clusterName: plan.clusterName, name, location: LOCATION, tags });
      assert.equal(!result.ok && result.error.code, 'CASSOPS_RESOURCE_GROUP_NOT_OWNED', name);
      assert.match(!result.ok ? result.error.message : '', new RegExp(name));
    }
    assert.deepEqual((await t.clients.resources.resourceGroups.get('rg-squatted')).tags, { owner: 'someone' });
    assert.equal(count('Microsoft.Resources/resourceGroups'), 3);
  });

  it('refuses to create a VM for a cluster without a CA, as a permanent failure, sending nothing', async () => {
    const node = plan.nodes[0]!;
    const before = count('Microsoft.Compute/virtualMachines');
    const result = await nodes.createOrUpdateVm({ clusterName: 'no-ca-cluster', node: { ...node, vmName: 'vm-no-ca' }, vm: plan.vm, tags, spec });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'CASSOPS_TLS_CA_MISSING');
    assert.equal(count('Microsoft.Compute/virtualMachines'), before);
  });

  it('returns AllocationFailed on a VM as a permanent failure with Azure\'s code', async () => {
    const node = { ...plan.nodes[0]!, vmName: 'vm-alloc', nicName: 'nic-alloc', privateIp: '127.1.1.20' };
    assert.equal((await nodes.createOrUpdateNic({ clusterName: plan.clusterName, node, vm: plan.vm, tags })).ok, true);
    await fault({ resourceType: 'Microsoft.Compute/virtualMachines', verb: 'PUT', fault: { kind: 'failLro', code: 'AllocationFailed', message: 'No capacity for Standard_B2ms.' } });
    const result = await nodes.createOrUpdateVm({ clusterName: plan.clusterName, node, vm: plan.vm, tags, spec });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.azureCode, 'AllocationFailed');
    assert.match(!result.ok ? result.error.message : '', /vm-alloc: AllocationFailed: No capacity/);
  });

  it('rides out a few 429s inside the SDK, and throws a retryable error when throttling persists', async () => {
    const dc = plan.datacenters[0]!;
    await fault({ resourceType: 'Microsoft.Network/networkSecurityGroups', verb: 'PUT', count: 2, fault: { kind: 'throttle', retryAfterSeconds: 0 } });
    assert.equal((await network.createOrUpdateNsg({ clusterName: plan.clusterName, dc, tags, partName: dc.nsgs[0]!.name })).ok, true);
    await fault({ resourceType: 'Microsoft.Network/networkSecurityGroups', verb: 'PUT', count: 10, fault: { kind: 'throttle', retryAfterSeconds: 0 } });
    await assert.rejects(network.createOrUpdateNsg({ clusterName: plan.clusterName, dc, tags, partName: dc.nsgs[0]!.name }),
      { name: 'OpsError', code: 'CASSOPS_ARM_THROTTLED', retryable: true });
    await t.admin('DELETE', '/_admin/faults');
  });

  it('throws a 500 that outlives the SDK retries as transient, so Durable retries it', async () => {
    await fault({ resourceType: 'Microsoft.Network/virtualNetworks', verb: 'PUT', count: 10, fault: { kind: 'error', code: 'InternalServerError', status: 500 } });
    await assert.rejects(network.createOrUpdateVnet({ clusterName: plan.clusterName, dc: plan.datacenters[0]!, tags }), { code: 'CASSOPS_ARM_TRANSIENT' });
    await t.admin('DELETE', '/_admin/faults');
  });

  it('waits out a Run Command 409 Conflict and reads the script\'s own marker', async () => {
    await fault({ resourceType: 'Microsoft.Compute/virtualMachines', verb: 'runCommand', fault: { kind: 'error', code: 'Conflict', status: 409,
      message: 'Run command extension execution is in progress. Please wait for completion before invoking a run command.' } });
    const result = await nodes.runNodeScript({ node: plan.nodes[0]!, script: 'startCassandra' });
    // The bare simulator guest has no Cassandra service: the script's marker must say so.
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.error.message : '', /startCassandra on vm-demo-dc1-001 reported failure 'systemctl-start'/);
  });

  it('leaves groups it may not delete and says why: untagged, another cluster\'s, outside the record, the app\'s own', async () => {
    const tagged = { 'autopilot-cluster': plan.clusterName };
    const cases: [string, Record<string, string> | undefined, RegExp][] = [
      ['rg-squatted', undefined, /does not carry the tag autopilot-cluster=demo/],
      ['rg-foreign', { 'autopilot-cluster': 'other' }, /belongs to cluster other/],
      ['rg-demo-unrecorded', tagged, /not one of the cluster's recorded resource groups/],
      [APP_GROUP, tagged, /the app's own resource group/],
    ];
    for (const [name, groupTags, reason] of cases) {
      if (groupTags) await t.clients.resources.resourceGroups.createOrUpdate(name, { location: LOCATION, tags: groupTags });
      const result = await network.deleteResourceGroup({ clusterName: plan.clusterName, name, location: LOCATION });
      assert.equal(result.ok && result.value.deleted, false, name);
      assert.match(result.ok ? result.value.reason ?? '' : '', reason, name);
    }
    assert.equal(count('Microsoft.Resources/resourceGroups'), 2 + cases.length);
  });

  it('deletes the cluster\'s resource groups and everything in them', async () => {
    for (const g of plan.resourceGroups) {
      assert.deepEqual(await network.deleteResourceGroup({ clusterName: plan.clusterName, ...g }), { ok: true, value: { name: g.name, deleted: true } });
    }
    assert.equal(count('Microsoft.Compute/virtualMachines'), 0);
    assert.equal(count('Microsoft.Network/networkInterfaces'), 0);
    assert.equal(count('Microsoft.Network/loadBalancers'), 0);
    assert.equal(count('Microsoft.Network/virtualNetworks'), 0);
    assert.equal((await network.deleteResourceGroup({ clusterName: plan.clusterName, ...plan.resourceGroups[0]! })).ok, true);
  });
});
