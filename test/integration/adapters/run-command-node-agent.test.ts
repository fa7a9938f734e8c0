import { after, before } from 'node:test';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BashGuestDriver } from '../../../local/arm-sim/bash-guest-driver.js';
import { ArmDeployer } from '../../../shared/adapters/arm/arm-deployer.js';
import { RunCommandNodeAgent } from '../../../shared/adapters/node-agent/run-command-node-agent.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';
import { describeNodeAgentContract, NODE_AGENT_CONTRACT_NODES, type NodeAgentContractSubject } from '../../contract/node-agent-contract.js';

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
before(async () => {
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
  subject = {
    agent: new RunCommandNodeAgent(t.clients.compute,
      { conflictDelayInMs: 1, maxAttempts: 2, pollIntervalInMs: 0, probeScript: { dataDirectory: '.' } }),
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
  rmSync(bin, { recursive: true, force: true });
});

describeNodeAgentContract('RunCommandNodeAgent on the ARM simulator\'s bash guests', () => subject);
