import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BashGuestDriver } from '../../../local/arm-sim/bash-guest-driver.js';
import { ArmDeployer } from '../../../shared/adapters/arm/arm-deployer.js';
import { RunCommandNodeAgent } from '../../../shared/adapters/node-agent/run-command-node-agent.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';
import {
  contractSnapshotJob, describeNodeAgentContract, NODE_AGENT_CONTRACT_NODES, waitForJobEnd, type NodeAgentContractSubject,
} from '../../contract/node-agent-contract.js';

/** A minimal cloud-init document for a node's VM, base64 as customData takes it. */
const cloudInitOf = (node: { name: string }) => Buffer.from(`#cloud-config\n# ${node.name}\n`).toString('base64');
import { startTestSimulator, SUBSCRIPTION, type TestSimulator } from '../arm-sim/start-test-simulator.js';

// Stand-ins the bash guests find first on PATH: a cassandra unit that is a file in the VM's
// sandbox (the working directory), and a nodetool that sees the node Up/Normal at the VM's
// address while it runs. They keep the suite light: the scripts run as written, without Cassandra.
const SHIMS = {
  systemctl: `case "$1 $2" in
  "is-active --quiet") [ -f cassandra.running ] ;;
  "enable --now") if [ -f cassandra.fails ]; then cat cassandra.fails >&2; exit 1; fi; touch cassandra.running ;;
  "stop cassandra") rm -f cassandra.running ;;
  *) echo "systemctl stand-in: unsupported: $*" >&2; exit 1 ;;
esac`,
  nodetool: `if [ ! -f cassandra.running ]; then echo "nodetool: Failed to connect to '127.0.0.1:7199'"; exit 1; fi
[ "$1" = status ] || exit 0
ip=$(sed -n 's/^ *"\\(127\\.[0-9.]*\\)",\\{0,1\\}$/\\1/p' vm.json | head -n 1)
printf -- '--  Address  Load  Tokens  Owns (effective)  Host ID  Rack\\nUN  %s  1.1 MiB  16  100.0%%  ?  rack1\\n' "$ip"`,
  'cloud-init': 'exit 0',
};
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHRlc3RrZXlmb3JzaW11bGF0b3Jvbmx5 test';
const plan = deploymentPlanFixture(1, 3);
const dc = plan.datacenters[0]!;
const CLUSTER = { cluster: plan.clusterName, tags: plan.tags };

const bin = mkdtempSync(join(tmpdir(), 'node-agent-shims-'));
let t: TestSimulator;
let guests: BashGuestDriver;
let subject: NodeAgentContractSubject;
let agent: RunCommandNodeAgent;
/** Stands in for Blob storage: takes every Put Blob, and keeps each request's method and URL (the SAS is in its query). */
let blobs: Server;
const blobRequests: string[] = [];
before(async () => {
  blobs = createServer((req, res) => {
    blobRequests.push(`${req.method} ${req.url}`);
    req.resume().on('end', () => res.writeHead(req.method === 'PUT' ? 201 : 404).end());
  });
  await new Promise<void>((resolve) => blobs.listen(0, '127.0.0.1', resolve));
  for (const [name, body] of Object.entries(SHIMS)) {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  // The bash guests take this process's PATH when each script starts.
  process.env.PATH = `${bin}:${process.env.PATH ?? ''}`;
  guests = new BashGuestDriver(join(bin, 'guests'));
  t = await startTestSimulator({ guestDriver: guests });
  const arm = new ArmDeployer(t.clients,
    { subscriptionId: SUBSCRIPTION, pollIntervalInMs: 0, sshPublicKey: SSH_KEY, clusterTag: 'autopilot-cluster' });
  const setup = [await arm.ensureResourceGroup(dc.resourceGroup, dc.location, CLUSTER)];
  for (const nsg of dc.nsgs) setup.push(await arm.ensureNsg(dc, nsg, CLUSTER));
  setup.push(await arm.ensureVnet(dc, CLUSTER));
  for (const node of NODE_AGENT_CONTRACT_NODES) setup.push(await arm.ensureNic(node, CLUSTER));
  if (!setup.every((r) => r.ok)) throw new Error(`network setup failed: ${JSON.stringify(setup)}`);
  const sandbox = (node: { resourceGroup: string; vmName: string }) =>
    guests.sandboxOf({ resourceGroup: node.resourceGroup, name: node.vmName });
  // Jobs keep their data and state in the VM's sandbox, where the nodetool stand-in finds no tables.
  agent = new RunCommandNodeAgent(t.clients.compute, { conflictDelayInMs: 1, maxAttempts: 2, pollIntervalInMs: 0,
    probeScript: { dataDirectory: '.' }, jobPaths: { dataDir: 'data', stateDir: 'state' } });
  subject = {
    agent,
    backupContainerUrl: `http://127.0.0.1:${(blobs.address() as AddressInfo).port}/backups`,
    createVm: async (node) => {
      const created = await arm.ensureVm(node, plan.vm, CLUSTER, cloudInitOf(node));
      if (!created.ok) throw new Error(created.error.message);
    },
    setStartFailure: async (node, stderr) => {
      const file = join(sandbox(node), 'cassandra.fails');
      if (stderr === undefined) rmSync(file, { force: true });
      else writeFileSync(file, `${stderr}\n`);
    },
    setFault: async (fault) => {
      t.sim.faults.clear();
      const rule = { resourceType: 'Microsoft.Compute/virtualMachines', verb: 'runCommand', count: 100 };
      if (fault === 'conflict') {
        t.sim.faults.add({ ...rule, fault: { kind: 'error', code: 'Conflict', status: 409,
          message: 'Run command extension execution is in progress. Please wait for completion before invoking a run command.' } });
      }
      if (fault === 'throttled') t.sim.faults.add({ ...rule, fault: { kind: 'throttle', retryAfterSeconds: 0 } });
    },
  };
});
after(async () => {
  await t.dispose();
  await guests.close();
  await new Promise((resolve) => blobs.close(resolve));
  rmSync(bin, { recursive: true, force: true });
});

describeNodeAgentContract('RunCommandNodeAgent on the ARM simulator\'s bash guests', () => subject);

describe('RunCommandNodeAgent node jobs on the ARM simulator', () => {
  const node = NODE_AGENT_CONTRACT_NODES[2]!;
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));

  it('hands the SAS to the script, which puts its inventory with it, and keeps it out of the resource and the simulator\'s state', async () => {
    await subject.createVm(node);
    assert.equal((await agent.runScript(node, 'startCassandra')).ok, true);
    const { job, secret } = contractSnapshotJob(subject.backupContainerUrl, 'sas-snap-1');
    blobRequests.length = 0;
    await agent.startNodeJob(node, job, secret);
    assert.deepEqual(await waitForJobEnd(agent, node, job), { state: 'Succeeded', detail: 'files=0 bytes=0', stderrTail: '' });
    await agent.startNodeJob(node, job, secret);
    assert.deepEqual(blobRequests, [`PUT /backups/backups/sas-snap-1/inventory/n1.tsv?${secret.reveal()}`], 'one run, with the SAS');
    const resource = await t.clients.compute.virtualMachineRunCommands.getByVirtualMachine(node.resourceGroup, node.vmName, job.name,
      { expand: 'instanceView' });
    assert.equal(resource.instanceView?.executionState, 'Succeeded');
    assert.ok(!/sig=|contract%2Bsecret/.test(JSON.stringify(resource)), 'the SAS is not in the run command resource');
    for (const file of walk(t.stateDir)) assert.ok(!readFileSync(file, 'utf8').includes(secret.reveal()), `SAS stored in ${file}`);
    await agent.deleteNodeJob(node, job.name);
    assert.equal((await agent.readNodeJob(node, job)).state, 'Missing');
  });

  it('reports a script\'s failed marker as a Failed job with its detail', async () => {
    assert.equal((await agent.runScript(node, 'stopCassandra')).ok, true);
    const { job, secret } = contractSnapshotJob(subject.backupContainerUrl, 'sas-snap-2');
    await agent.startNodeJob(node, job, secret);
    const ended = await waitForJobEnd(agent, node, job);
    assert.deepEqual([ended.state, ended.detail], ['Failed', 'snapshot'], 'one nodetool run, the snapshot (which flushes), fails');
    assert.ok((ended.stderrTail ?? '').trim() !== '', 'nodetool\'s own words of its last try come back with the failure');
    await agent.deleteNodeJob(node, job.name);
  });
});
