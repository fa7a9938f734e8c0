import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import { hasEnded, useE2eStack } from '../support/e2e-stack.js';
import { e2eSpec } from '../support/e2e-specs.js';
import { ringView, withSession } from '../support/cluster-checks.js';
import { underLoad } from '../support/under-load.js';

// One cluster grows a datacenter and gives it back: booted with dc1 alone, updated to dc1 + dc2
// while a client in dc1 writes and reads at LOCAL_QUORUM (dc2's nodes join without bootstrap,
// replication reaches dc2, each dc2 node is rebuilt from dc1), then back to dc1 alone.
const NAME = 'egrow';
const DC1 = ['127.1.70.4', '127.1.70.5', '127.1.70.6'];
const DC2 = ['127.2.70.4', '127.2.70.5', '127.2.70.6'];
const ROWS = 300;

describe('a datacenter added to a running cluster, and removed', { timeout: 900_000 }, () => {
  const t = useE2eStack();
  const login = () => ({ username: 'autopilot_admin', password: t.superuserPassword(NAME) });

  it('deploys dc1 and writes rows there', async () => {
    await t.deploy(e2eSpec(NAME, 1, { subnetOctet: 70 }) as { cluster: { name: string } });
    await withSession(DC1, 'dc1', login(), async (client) => {
      await client.execute('CREATE TABLE IF NOT EXISTS customers_ks.rows (id int PRIMARY KEY, v text)');
      const quorum = { prepare: true, consistency: cassandra.types.consistencies.localQuorum };
      for (let i = 0; i < ROWS; i++) await client.execute('INSERT INTO customers_ks.rows (id, v) VALUES (?, ?)', [i, `v${i}`], quorum);
    });
  });

  it('adds dc2 without a failed client request in dc1: network and peering, joins without bootstrap, replication, rebuild from dc1', async () => {
    const etag = (await t.api('GET', `/api/clusters/${NAME}`)).headers.get('etag') ?? '';
    const preview = (await t.api('POST', `/api/clusters/${NAME}/plan`, { body: e2eSpec(NAME, 2, { subnetOctet: 70 }) })).body as
      { datacentersAdded: string[]; notYetApplied: unknown[]; refused: unknown[] };
    assert.deepEqual([preview.datacentersAdded, preview.notYetApplied, preview.refused], [['dc2'], [], []]);
    const { result: op, ok, failed } = await underLoad({ contactPoints: DC1, dc: 'dc1', credentials: login() }, async () => {
      const answer = await t.api('PUT', `/api/clusters/${NAME}`, { body: e2eSpec(NAME, 2, { subnetOctet: 70 }), headers: { 'if-match': etag } });
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      return t.waitForOperation((answer.body as { operationId: string }).operationId, hasEnded, 600_000);
    });
    console.log(`add dc2: ${op.steps.map((st) => `${st.name} ${st.status}${st.message ? ` (${st.message})` : ''}`).join(', ')}; ${ok} client requests at LOCAL_QUORUM in dc1, ${failed.length} failed`);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual(failed, []);
    assert.equal(op.steps.find((st) => st.name === 'rebuild')?.message, '3 node(s) rebuilt from dc1');
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Network/virtualNetworks').length, 2);
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings').length, 2);
    const cluster = (await t.api('GET', `/api/clusters/${NAME}`)).body as { nodes: { name: string; state: string }[]; spec: { datacenters: unknown[] } };
    assert.equal(cluster.spec.datacenters.length, 2);
    assert.deepEqual(cluster.nodes.map((n) => n.state), Array(6).fill('Joined'));
  });

  it('serves every row written before dc2 existed from dc2 alone, at LOCAL_QUORUM, with every node UN in its DC', async () => {
    await withSession(DC2, 'dc2', login(), async (client) => {
      const ring = await ringView(client);
      assert.deepEqual([...ring.values()].map((h) => `${h.dc}:${h.up}`).sort(), [...Array(3).fill('dc1:true'), ...Array(3).fill('dc2:true')]);
      const replication = (await client.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'customers_ks'")).first()?.get('replication') as Record<string, string>;
      assert.deepEqual([replication.dc1, replication.dc2], ['3', '3']);
      const quorum = { prepare: true, consistency: cassandra.types.consistencies.localQuorum };
      const read: string[] = [];
      for (let i = 0; i < ROWS; i++) read.push(String((await client.execute('SELECT v FROM customers_ks.rows WHERE id = ?', [i], quorum)).first()?.get('v')));
      assert.deepEqual(read, Array.from({ length: ROWS }, (_, i) => `v${i}`));
    });
  });

  it('removes dc2 again without a failed client request in dc1: replication first, its nodes decommissioned, its VNet, peerings and group gone', async () => {
    const etag = (await t.api('GET', `/api/clusters/${NAME}`)).headers.get('etag') ?? '';
    const { result: op, ok, failed } = await underLoad({ contactPoints: DC1, dc: 'dc1', credentials: login() }, async () => {
      const answer = await t.api('PUT', `/api/clusters/${NAME}`, { body: e2eSpec(NAME, 1, { subnetOctet: 70 }), headers: { 'if-match': etag } });
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      return t.waitForOperation((answer.body as { operationId: string }).operationId, hasEnded, 600_000);
    });
    console.log(`remove dc2: ${op.steps.map((st) => `${st.name} ${st.status}${st.message ? ` (${st.message})` : ''}`).join(', ')}; ${ok} client requests at LOCAL_QUORUM in dc1, ${failed.length} failed`);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual(failed, []);
    assert.equal(op.steps.find((st) => st.name === 'decommission')?.message, '3 node(s) decommissioned and deleted');
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Compute/virtualMachines').length, 3);
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Network/virtualNetworks').length, 1);
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings').length, 0, 'no peering left pointing at nothing');
    await withSession(DC1, 'dc1', login(), async (client) => {
      const ring = await ringView(client);
      assert.deepEqual([...ring.values()].map((h) => `${h.dc}:${h.up}`), Array(3).fill('dc1:true'), 'no dc2 node left in gossip');
      const quorum = { prepare: true, consistency: cassandra.types.consistencies.localQuorum };
      const read: string[] = [];
      for (let i = 0; i < ROWS; i++) read.push(String((await client.execute('SELECT v FROM customers_ks.rows WHERE id = ?', [i], quorum)).first()?.get('v')));
      assert.deepEqual(read, Array.from({ length: ROWS }, (_, i) => `v${i}`));
    });
  });
});
