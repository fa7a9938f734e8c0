import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { CassandraGuestDriver } from '../../../local/cassandra/cassandra-guest-driver.js';
import { fixtureVm, type FixtureNode } from './fixture-cloud-init.js';
import { ringSeenBy, waitForStates } from './cluster-probes.js';

const nodes: FixtureNode[] = [
  { name: 'east-1', ip: '127.1.2.4', dc: 'eastus', rack: 'rack1' },
  { name: 'east-2', ip: '127.1.2.5', dc: 'eastus', rack: 'rack2' },
  { name: 'west-1', ip: '127.2.2.4', dc: 'westus', rack: 'rack1' },
  { name: 'west-2', ip: '127.2.2.5', dc: 'westus', rack: 'rack2' },
];

describe('Cassandra guest driver: two DCs on two loopback address spaces form one cluster', () => {
  const rootDir = mkdtempSync(join(tmpdir(), 'cassandra-guests-'));
  const driver = new CassandraGuestDriver({ rootDir });
  const vms = nodes.map((n) => fixtureVm('guest-2dc', nodes, n));
  const clients: cassandra.Client[] = [];

  before(async () => {
    for (const vm of vms) await driver.create(vm);
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.shutdown()));
    await driver.close();
    rmSync(rootDir, { recursive: true, force: true });
  });

  test('nodes started one at a time see all four nodes UN in both DCs', async () => {
    for (const [i, vm] of vms.entries()) {
      const started = Date.now();
      assert.equal((await driver.runScript(vm, 'systemctl start cassandra')).exitCode, 0);
      await waitForStates(driver, vm, Object.fromEntries(nodes.slice(0, i + 1).map((n) => [n.ip, 'UN'])), 120_000);
      console.log(`# ${vm.name}: process start to UN in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const ring = await ringSeenBy(driver, vms[3]!);
    assert.deepEqual(ring.map((e) => `${e.dc}/${e.rack}/${e.address}/${e.state}`).sort(), [
      'eastus/rack1/127.1.2.4/UN', 'eastus/rack2/127.1.2.5/UN', 'westus/rack1/127.2.2.4/UN', 'westus/rack2/127.2.2.5/UN']);
  });

  test('the real cassandra-driver sees both DCs; a write in one DC is read at LOCAL_QUORUM in the other', async () => {
    const east = new cassandra.Client({ contactPoints: ['127.1.2.4'], localDataCenter: 'eastus' });
    const west = new cassandra.Client({ contactPoints: ['127.2.2.4'], localDataCenter: 'westus' });
    clients.push(east, west);
    await Promise.all([east.connect(), west.connect()]);
    for (const client of [east, west]) {
      const byDc = client.hosts.values().map((h) => `${h.datacenter}/${h.address.split(':')[0]}/${h.isUp()}`).sort();
      assert.deepEqual(byDc, ['eastus/127.1.2.4/true', 'eastus/127.1.2.5/true', 'westus/127.2.2.4/true', 'westus/127.2.2.5/true']);
    }
    await east.execute("CREATE KEYSPACE guest_2dc WITH replication = {'class': 'NetworkTopologyStrategy', 'eastus': 2, 'westus': 2}");
    await east.execute('CREATE TABLE guest_2dc.kv (k text PRIMARY KEY, v int)');
    await east.execute('INSERT INTO guest_2dc.kv (k, v) VALUES (?, ?)', ['shared', 42],
      { consistency: cassandra.types.consistencies.eachQuorum, prepare: true });
    const row = await west.execute('SELECT v FROM guest_2dc.kv WHERE k = ?', ['shared'],
      { consistency: cassandra.types.consistencies.localQuorum, prepare: true });
    assert.equal(row.first()?.get('v'), 42);
  });
});
