import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import type { GuestVm } from '../../../local/arm-sim/guest-driver.js';
import { CassandraGuestDriver } from '../../../local/cassandra/cassandra-guest-driver.js';
import { fixtureVm, type FixtureNode } from './fixture-cloud-init.js';
import { ringSeenBy, waitForStates } from './cluster-probes.js';

const nodes: FixtureNode[] = [
  { name: 'cass-1', ip: '127.1.1.4', dc: 'dc1', rack: 'rack1' },
  { name: 'cass-2', ip: '127.1.1.5', dc: 'dc1', rack: 'rack2' },
  { name: 'cass-3', ip: '127.1.1.6', dc: 'dc1', rack: 'rack3' },
];

describe('Cassandra guest driver: three real nodes in one DC across racks', () => {
  const rootDir = mkdtempSync(join(tmpdir(), 'cassandra-guests-'));
  const driver = new CassandraGuestDriver({ rootDir });
  const vms = nodes.map((n) => fixtureVm('guest-itest', nodes, n));
  const [vm1, vm2, vm3] = vms as [GuestVm, GuestVm, GuestVm];
  let client: cassandra.Client | undefined;

  before(async () => {
    for (const vm of vms) await driver.create(vm);
  });

  after(async () => {
    await client?.shutdown();
    await driver.close();
    rmSync(rootDir, { recursive: true, force: true });
  });

  test('create leaves Cassandra stopped, as the product cloud-init does', async () => {
    const result = await driver.runScript(vm1, 'systemctl is-active cassandra; sudo ls /etc/cassandra');
    assert.equal(result.exitCode, 0);
    assert.match(result.stdout, /^inactive$/m);
    assert.match(result.stdout, /^cassandra\.yaml$/m);
    assert.match(result.stdout, /^cassandra-rackdc\.properties$/m);
    assert.equal(driver.describe(vm1).pid, undefined);
  });

  test('systemctl start in join order brings every node UN, seen by nodetool through Run Command', async () => {
    for (const [i, vm] of vms.entries()) {
      const started = Date.now();
      const result = await driver.runScript(vm, 'sudo systemctl start cassandra && systemctl is-active cassandra');
      assert.equal(result.exitCode, 0, result.stderr);
      const expected = Object.fromEntries(nodes.slice(0, i + 1).map((n) => [n.ip, 'UN']));
      await waitForStates(driver, vm, expected, 120_000);
      console.log(`# ${vm.name}: process start to UN in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const ring = await ringSeenBy(driver, vm1);
    assert.deepEqual(ring.map((e) => `${e.dc}/${e.rack}/${e.address}/${e.state}`).sort(),
      ['dc1/rack1/127.1.1.4/UN', 'dc1/rack2/127.1.1.5/UN', 'dc1/rack3/127.1.1.6/UN']);
  });

  test('the real cassandra-driver sees three nodes up; NetworkTopologyStrategy RF 3 writes and reads at LOCAL_QUORUM', async () => {
    client = new cassandra.Client({ contactPoints: nodes.map((n) => n.ip), localDataCenter: 'dc1' });
    await client.connect();
    const hosts = client.hosts.values();
    assert.deepEqual(hosts.map((h) => h.address.split(':')[0]).sort(), nodes.map((n) => n.ip));
    assert.ok(hosts.every((h) => h.isUp() && h.datacenter === 'dc1'));
    assert.deepEqual(hosts.map((h) => h.rack).sort(), ['rack1', 'rack2', 'rack3']);
    const q = { consistency: cassandra.types.consistencies.localQuorum, prepare: true };
    await client.execute("CREATE KEYSPACE guest_it WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}");
    await client.execute('CREATE TABLE guest_it.kv (k text PRIMARY KEY, v int)');
    for (let i = 0; i < 20; i++) await client.execute('INSERT INTO guest_it.kv (k, v) VALUES (?, ?)', [`key-${i}`, i], q);
    const row = await client.execute('SELECT v FROM guest_it.kv WHERE k = ?', ['key-7'], q);
    assert.equal(row.first()?.get('v'), 7);
  });

  test('power off drains and stops a node (DN); VM start brings it back UN with its data', async () => {
    assert.equal((await driver.runScript(vm3, 'systemctl enable cassandra')).exitCode, 0);
    await driver.powerOff(vm3, { skipShutdown: false });
    assert.equal(driver.describe(vm3).pid, undefined);
    await waitForStates(driver, vm1, { '127.1.1.6': 'DN' }, 60_000);
    const down = await client!.execute('SELECT v FROM guest_it.kv WHERE k = ?', ['key-3'],
      { consistency: cassandra.types.consistencies.localQuorum, prepare: true });
    assert.equal(down.first()?.get('v'), 3, 'two of three replicas still answer LOCAL_QUORUM');

    await driver.start(vm3);
    await waitForStates(driver, vm1, { '127.1.1.6': 'UN' }, 120_000);
    // The drained node's own disk holds the table: its SSTables list the key.
    const sstables = await driver.runScript(vm3, 'nodetool getsstables guest_it kv key-7');
    assert.equal(sstables.exitCode, 0, sstables.stderr);
    assert.match(sstables.stdout, new RegExp(`${driver.describe(vm3).nodeDir}/var/lib/cassandra/data/guest_it/kv-`));
  });

  test('killing a node process by hand shows it DN, as a crashed VM would', async () => {
    const pid = driver.describe(vm2).pid;
    assert.ok(pid, 'cass-2 runs');
    process.kill(pid, 'SIGKILL');
    await waitForStates(driver, vm1, { '127.1.1.5': 'DN' }, 60_000);
    const status = await driver.runScript(vm2, 'systemctl is-active cassandra');
    assert.equal(status.exitCode, 3);
    assert.equal(status.stdout.trim(), 'inactive');
  });

  test('delete removes the node and its data when the disks say Delete', async () => {
    const nodeDir = driver.describe(vm2).nodeDir;
    await driver.delete(vm2);
    assert.equal(existsSync(join(nodeDir, 'var/lib/cassandra')), false);
    assert.equal(existsSync(join(nodeDir, 'etc/cassandra')), false);
    await assert.rejects(driver.runScript(vm2, 'true'), /no Cassandra guest was created/);
  });
});
