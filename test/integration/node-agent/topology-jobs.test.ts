import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CassandraGuestDriver } from '../../../local/cassandra/cassandra-guest-driver.js';
import { waitForPort } from '../../../local/net/find-free-port.js';
import { RunCommandNodeAgent } from '../../../shared/adapters/node-agent/run-command-node-agent.js';
import { DECOMMISSIONED_MARKER } from '../../../shared/adapters/node-agent/topology-scripts.js';
import { nodeJobName } from '../../../shared/domain/backup/node-job-names.js';
import { toDeploymentPlan } from '../../../shared/domain/deploy/to-deployment-plan.js';
import type { NodeJob, NodeJobStatus } from '../../../shared/domain/ports/node-agent-port.js';
import { localSpecFixture } from '../../support/deployment-plan-fixture.js';
import { waitFor } from '../../support/wait-for.js';
import { startTestSimulator, type TestSimulator } from '../arm-sim/start-test-simulator.js';
import { createPlannedVms, planLocalCluster, runCommand } from '../cassandra/deploy-through-simulator.js';

// One real Cassandra 5.0 node behind the ARM simulator, on loopback addresses no other suite uses:
// the topology jobs go through the product's adapter as managed run commands, and run against it.
// Run under the machine-wide Cassandra lock (flock /tmp/autopilot-cassandra.lock).
const spec = localSpecFixture(1, 1, { name: 'topojobs' }) as { datacenters: { network: object }[] };
spec.datacenters[0]!.network = { addressSpace: '127.52.0.0/16', dataSubnet: '127.52.1.0/24', appSubnet: '127.52.2.0/24' };
const plan = planLocalCluster(spec);
const node = toDeploymentPlan(plan).nodes[0]!;
const planned = plan.datacenters[0]!.nodes[0]!;

const rootDir = mkdtempSync(join(tmpdir(), 'topology-jobs-'));
const driver = new CassandraGuestDriver({ rootDir });
let t: TestSimulator;
let agent: RunCommandNodeAgent;
const run = (script: string) => runCommand(t.clients, planned, script);

before(async () => {
  t = await startTestSimulator({ guestDriver: driver });
  await createPlannedVms(t.clients, plan);
  agent = new RunCommandNodeAgent(t.clients.compute, { conflictDelayInMs: 100, pollIntervalInMs: 0 });
  assert.deepEqual(await agent.runScript(node, 'startCassandra'), { ok: true, value: { detail: 'started', stderrTail: '' } });
  await waitForPort(node.privateIp, 9042, 180_000);
}, { timeout: 240_000 });
after(async () => {
  await t?.dispose();
  await driver.close();
  rmSync(rootDir, { recursive: true, force: true });
});

/** Starts the job and reads it until it ends (each nodetool run starts a JVM: seconds, not milliseconds). */
async function runJob(job: NodeJob): Promise<NodeJobStatus> {
  await agent.startNodeJob(node, job);
  return waitFor(`${job.name} to end`, 120_000, async () => {
    const status = await agent.readNodeJob(node, job);
    return status.state === 'Running' ? undefined : status;
  }, { intervalInMs: 500 });
}

describe('topology node jobs on a one-node Cassandra 5.0 ring, through managed run commands', () => {
  it('cleans up a running node', async () => {
    const job: NodeJob = { name: nodeJobName('cleanupNode', 'op-scale-out-1'), script: 'cleanupNode', parameters: {} };
    assert.deepEqual(await runJob(job), { state: 'Succeeded', detail: 'cleaned', stderrTail: '' });
    await agent.deleteNodeJob(node, job.name);
  });

  it('fails to decommission the last node of the ring with Cassandra\'s reason, and leaves it serving', async () => {
    const job: NodeJob = { name: nodeJobName('decommissionNode', 'op-scale-in-1'), script: 'decommissionNode', parameters: {} };
    const ended = await runJob(job);
    assert.deepEqual([ended.state, ended.detail], ['Failed',
      'decommission Unsupported operation: no other normal nodes in the ring; decommission would be pointless']);
    assert.match(ended.stderrTail, /no other normal nodes in the ring/, 'nodetool\'s own lines come back too');
    assert.deepEqual(await agent.startNodeJob(node, job), ended, 'a second start returns that run\'s status, it does not run again');
    await agent.deleteNodeJob(node, job.name);
    const after = await run(`nodetool netstats | head -n 1; systemctl is-enabled cassandra; test -e ${DECOMMISSIONED_MARKER} || echo no-marker`);
    assert.deepEqual(after.trim().split('\n'), ['Mode: NORMAL', 'enabled', 'no-marker']);
  });
});
