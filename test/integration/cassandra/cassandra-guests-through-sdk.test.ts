import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { cqlTlsOptions } from '../../../shared/adapters/cql/cql-session.js';
import { testClusterCa } from '../../support/node-tls-fixture.js';
import { CassandraGuestDriver } from '../../../local/cassandra/cassandra-guest-driver.js';
import type { NodePlan } from '../../../shared/domain/topology/cluster-plan.js';
import { startTestSimulator, type TestSimulator } from '../arm-sim/start-test-simulator.js';
import { waitForPort } from '../../../local/net/find-free-port.js';
import { connectSeeingAll, waitForStates } from './cluster-probes.js';
import { createPlannedVms, planLocalCluster, planNodes, runCommand } from './deploy-through-simulator.js';

const FAST = { updateIntervalInMs: 0 } as const;

function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0] !== 'Z';
  } catch {
    return false;
  }
}
// The start script's shape as the product's node agent sends it: cloud-init wait, quiet checks, enable --now.
const START_SCRIPT = [
  'set -u',
  'if command -v cloud-init >/dev/null && ! cloud-init status --wait >/dev/null; then echo "AUTOPILOT-STATUS startCassandra failed cloud-init"; exit 1; fi',
  'if systemctl is-active --quiet cassandra; then echo "AUTOPILOT-STATUS startCassandra ok already-running"; exit 0; fi',
  'if ! sudo systemctl enable --now cassandra; then echo "AUTOPILOT-STATUS startCassandra failed systemctl-start"; exit 1; fi',
  'echo "AUTOPILOT-STATUS startCassandra ok started"',
].join('\n');
const LOCAL_QUORUM = { consistency: cassandra.types.consistencies.localQuorum, prepare: true };
const plan = planLocalCluster({
  cluster: { name: 'guestone', numTokens: 16, authentication: { enabled: false } },
  azure: { subscriptionId: '00000000-0000-0000-0000-000000000000', vmSize: 'Standard_B2ms', dataDisk: { sizeGiB: 64, sku: 'StandardSSD_LRS' } },
  datacenters: [{
    name: 'dc1', region: 'eastus', racks: 3, nodes: 3,
    network: { addressSpace: '127.1.0.0/16', dataSubnet: '127.1.1.0/24', appSubnet: '127.1.2.0/24' },
  }],
  network: { cqlAllowedCidrs: ['127.0.0.1/32'] },
  keyspaces: [{ name: 'app', replication: { dc1: 3 } }],
});
const nodes = planNodes(plan);
const byName = new Map(nodes.map((n) => [n.name, n]));

describe('Cassandra guests through the real SDK and the ARM simulator: one DC, three racks', () => {
  const rootDir = mkdtempSync(join(tmpdir(), 'cassandra-guests-'));
  const driver = new CassandraGuestDriver({ rootDir });
  let t: TestSimulator;
  let vmIds: Map<string, string>;
  let client: cassandra.Client | undefined;
  const run = (node: NodePlan) => (script: string) => runCommand(t.clients, node, script);
  const [first, second, third] = nodes as [NodePlan, NodePlan, NodePlan];

  before(async () => {
    t = await startTestSimulator({ guestDriver: driver });
    vmIds = await createPlannedVms(t.clients, plan);
  });

  after(async () => {
    await client?.shutdown();
    await t?.dispose();
    await driver.close();
    rmSync(rootDir, { recursive: true, force: true });
  });

  test('the product cloud-init leaves Cassandra prepared and stopped', async () => {
    assert.deepEqual(nodes.map((n) => n.privateIp), ['127.1.1.4', '127.1.1.5', '127.1.1.6']);
    const out = await run(first)('systemctl is-active cassandra || true; test -f /var/lib/cassandra-autopilot/node-prepared && echo prepared; grep -c rack= /etc/cassandra/cassandra-rackdc.properties');
    assert.deepEqual(out.trim().split('\n'), ['inactive', 'prepared', '1']);
  });

  test('Run Command starts the nodes in join order; nodetool status shows three nodes UN across racks', async () => {
    for (const [i, name] of plan.joinOrder.entries()) {
      const node = byName.get(name)!;
      const started = Date.now();
      assert.match(await run(node)(START_SCRIPT), /AUTOPILOT-STATUS startCassandra ok started/);
      // Wait for CQL first (cheap), so nodetool JVMs do not compete with the boot for the CPU.
      await waitForPort(node.privateIp, 9042, 120_000);
      const joined = plan.joinOrder.slice(0, i + 1).map((n) => [byName.get(n)!.privateIp, 'UN']);
      await waitForStates(run(node), Object.fromEntries(joined), 120_000);
      console.log(`# ${name} (${node.privateIp}): process start to UN in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const ring = await waitForStates(run(first), {}, 10_000);
    assert.deepEqual(ring.map((e) => `${e.dc}/${e.rack}/${e.address}/${e.state}`).sort(),
      nodes.map((n) => `dc1/${n.rack}/${n.privateIp}/UN`).sort());
    assert.equal(new Set(ring.map((e) => e.rack)).size, 3);
  });

  test('the real cassandra-driver sees three nodes UP; RF 3 NetworkTopologyStrategy writes and reads at LOCAL_QUORUM', async () => {
    client = await connectSeeingAll({ contactPoints: nodes.map((n) => n.privateIp), localDataCenter: 'dc1',
      sslOptions: cqlTlsOptions((await testClusterCa(plan.clusterName)).certPem) }, nodes.map((n) => n.privateIp), 30_000);
    const hosts = client.hosts.values();
    assert.deepEqual(hosts.map((h) => `${h.address.split(':')[0]}/${h.datacenter}/${h.rack}/${h.isUp()}`).sort(),
      nodes.map((n) => `${n.privateIp}/dc1/${n.rack}/true`).sort());
    await client.execute("CREATE KEYSPACE guest_sdk WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}");
    await client.execute('CREATE TABLE guest_sdk.kv (k text PRIMARY KEY, v int)');
    for (let i = 0; i < 20; i++) await client.execute('INSERT INTO guest_sdk.kv (k, v) VALUES (?, ?)', [`key-${i}`, i], LOCAL_QUORUM);
    const row = await client.execute('SELECT v FROM guest_sdk.kv WHERE k = ?', ['key-7'], LOCAL_QUORUM);
    assert.equal(row.first()?.get('v'), 7);
  });

  test('VM power off drains and stops the node (DN); VM start brings it back UN with its data', async () => {
    assert.equal((await run(third)('systemctl is-enabled cassandra')).trim(), 'enabled');
    await t.clients.compute.virtualMachines.beginPowerOffAndWait(third.resourceGroup, third.vmName, FAST);
    assert.equal(driver.describe({ id: vmIds.get(third.name)! }).pid, undefined);
    await waitForStates(run(first), { [third.privateIp]: 'DN' }, 60_000);
    const whileDown = await client!.execute('SELECT v FROM guest_sdk.kv WHERE k = ?', ['key-3'], LOCAL_QUORUM);
    assert.equal(whileDown.first()?.get('v'), 3, 'two replicas of three still make LOCAL_QUORUM');

    await t.clients.compute.virtualMachines.beginStartAndWait(third.resourceGroup, third.vmName, FAST);
    await waitForPort(third.privateIp, 9042, 120_000);
    await waitForStates(run(first), { [third.privateIp]: 'UN' }, 120_000);
    // Its own disk still holds the table: the node lists the SSTables that contain a key.
    const sstables = await run(third)('nodetool getsstables guest_sdk kv key-7');
    assert.match(sstables, /\/var\/lib\/cassandra\/data\/guest_sdk\/kv-[0-9a-f]+\/.*-Data\.db/);
  });

  test('killing a node process by hand shows it DN, as a crashed VM would', async () => {
    const pid = driver.describe({ id: vmIds.get(second.name)! }).pid;
    assert.ok(pid, `${second.name} runs`);
    process.kill(pid, 'SIGKILL');
    await waitForStates(run(first), { [second.privateIp]: 'DN' }, 60_000);
    assert.equal((await run(second)('systemctl is-active cassandra || true')).trim(), 'inactive');
  });

  test('a simulator restart hands the VMs back to the guest; Run Command still reaches the running node', async () => {
    await t.restart();
    await t.sim.guestsRecovered;
    await waitForStates(run(first), { [first.privateIp]: 'UN', [second.privateIp]: 'DN' }, 60_000);
  });

  test('VM deallocate kills the node at once and keeps its data', async () => {
    const { nodeDir } = driver.describe({ id: vmIds.get(third.name)! });
    await t.clients.compute.virtualMachines.beginDeallocateAndWait(third.resourceGroup, third.vmName, FAST);
    assert.equal(driver.describe({ id: vmIds.get(third.name)! }).pid, undefined);
    assert.equal(existsSync(join(nodeDir, 'var/lib/cassandra/data/guest_sdk')), true);
  });

  test('deleting a VM whose disks say Delete removes its node data', async () => {
    const { nodeDir } = driver.describe({ id: vmIds.get(second.name)! });
    await t.clients.compute.virtualMachines.beginDeleteAndWait(second.resourceGroup, second.vmName, FAST);
    assert.equal(existsSync(join(nodeDir, 'var/lib/cassandra')), false);
  });

  test('closing the guest driver stops every node by pid', async () => {
    const pids = [first].map((n) => driver.describe({ id: vmIds.get(n.name)! }).pid);
    assert.ok(pids.every((p) => p !== undefined));
    await driver.close();
    // Gone, or a zombie waiting for init to reap it: either way no longer running.
    for (const pid of pids) assert.equal(isRunning(pid!), false, `pid ${pid}`);
  });
});
