import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
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

const plan = planLocalCluster({
  cluster: { name: 'guesttwo', numTokens: 16, authentication: { enabled: false } },
  azure: { subscriptionId: '00000000-0000-0000-0000-000000000000', vmSize: 'Standard_B2ms', dataDisk: { sizeGiB: 64, sku: 'StandardSSD_LRS' } },
  datacenters: [
    { name: 'dc1', region: 'eastus', racks: 2, nodes: 2, network: { addressSpace: '127.1.0.0/16', dataSubnet: '127.1.4.0/24', appSubnet: '127.1.5.0/24' } },
    { name: 'dc2', region: 'westus2', racks: 2, nodes: 2, network: { addressSpace: '127.2.0.0/16', dataSubnet: '127.2.4.0/24', appSubnet: '127.2.5.0/24' } },
  ],
  network: { interRegionLink: 'globalVnetPeering', cqlAllowedCidrs: ['127.0.0.1/32'] },
  keyspaces: [{ name: 'app', replication: { dc1: 2, dc2: 2 } }],
});
const nodes = planNodes(plan);
const byName = new Map(nodes.map((n) => [n.name, n]));

describe('Cassandra guests through the real SDK: two DCs on two loopback address spaces', () => {
  const rootDir = mkdtempSync(join(tmpdir(), 'cassandra-guests-'));
  const driver = new CassandraGuestDriver({ rootDir });
  let t: TestSimulator;
  const clients: cassandra.Client[] = [];
  const run = (node: NodePlan) => (script: string) => runCommand(t.clients, node, script);

  before(async () => {
    t = await startTestSimulator({ guestDriver: driver });
    await createPlannedVms(t.clients, plan);
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.shutdown()));
    await t?.dispose();
    await driver.close();
    rmSync(rootDir, { recursive: true, force: true });
  });

  test('nodes started in join order form one ring with both DCs UN', async () => {
    for (const [i, name] of plan.joinOrder.entries()) {
      const node = byName.get(name)!;
      const started = Date.now();
      await run(node)('systemctl start cassandra');
      // Wait for CQL first (cheap), so nodetool JVMs do not compete with the boot for the CPU.
      await waitForPort(node.privateIp, 9042, 120_000);
      const joined = plan.joinOrder.slice(0, i + 1).map((n) => [byName.get(n)!.privateIp, 'UN']);
      await waitForStates(run(node), Object.fromEntries(joined), 120_000);
      console.log(`# ${name} (${node.privateIp}): process start to UN in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const ring = await waitForStates(run(nodes[3]!), {}, 10_000);
    assert.deepEqual(ring.map((e) => `${e.dc}/${e.address}/${e.state}`).sort(), nodes.map((n) => `${n.dc}/${n.privateIp}/UN`).sort());
    assert.ok(nodes.every((n) => /^127\.[12]\.4\.\d+$/.test(n.privateIp) && n.privateIp.startsWith(n.dc === 'dc1' ? '127.1.' : '127.2.')));
  });

  test('the real cassandra-driver sees both DCs; a write in one DC reads at LOCAL_QUORUM in the other', async () => {
    const dcNodes = (dc: string) => nodes.filter((n) => n.dc === dc).map((n) => n.privateIp);
    const sslOptions = cqlTlsOptions((await testClusterCa(plan.clusterName)).certPem);
    const all = nodes.map((n) => n.privateIp);
    const [east, west] = await Promise.all([
      connectSeeingAll({ contactPoints: dcNodes('dc1'), localDataCenter: 'dc1', sslOptions }, all, 30_000),
      connectSeeingAll({ contactPoints: dcNodes('dc2'), localDataCenter: 'dc2', sslOptions }, all, 30_000),
    ]);
    clients.push(east, west);
    for (const client of [east, west]) {
      assert.deepEqual(client.hosts.values().map((h) => `${h.datacenter}/${h.address.split(':')[0]}/${h.isUp()}`).sort(),
        nodes.map((n) => `${n.dc}/${n.privateIp}/true`).sort());
    }
    await east.execute("CREATE KEYSPACE guest_2dc WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 2}");
    await east.execute('CREATE TABLE guest_2dc.kv (k text PRIMARY KEY, v int)');
    await east.execute('INSERT INTO guest_2dc.kv (k, v) VALUES (?, ?)', ['shared', 42],
      { consistency: cassandra.types.consistencies.eachQuorum, prepare: true });
    const row = await west.execute('SELECT v FROM guest_2dc.kv WHERE k = ?', ['shared'],
      { consistency: cassandra.types.consistencies.localQuorum, prepare: true });
    assert.equal(row.first()?.get('v'), 42);
  });
});
