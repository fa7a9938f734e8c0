import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasEnded, useE2eStack, type ClusterDetailBody } from '../support/e2e-stack.js';
import { runOnVm } from '../support/run-on-vm.js';
import { modelOwnership, nodetoolOwnership, plannedTokens, ringTokens } from './ring-checks.js';
import { e2eSpec } from '../support/e2e-specs.js';
import { isLoginRefused, ringView, withSession } from '../support/cluster-checks.js';
import { waitFor } from '../../support/wait-for.js';

// One two-DC cluster (3 + 3 nodes), booted once: the host is killed mid-deployment and started
// again, the cluster is checked the way an operator would, bad requests hit the live host, and
// the cluster is deleted.
const NAME = 'etwo';
const DC1 = ['127.1.66.4', '127.1.66.5', '127.1.66.6'];
const DC2 = ['127.2.66.4', '127.2.66.5', '127.2.66.6'];

describe('two-DC cluster on the local stack', { timeout: 900_000 }, () => {
  const t = useE2eStack();
  let operationId: string;

  it('survives the host being killed mid-deployment and ends Ready with no duplicate resources', async () => {
    const res = await t.api('POST', '/api/clusters', { body: e2eSpec(NAME, 2) });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    operationId = (res.body as { operationId: string }).operationId;
    await t.waitForOperation(operationId, (o) => o.steps.some((s) => s.name === 'join' && s.percent > 0) || hasEnded(o), 300_000);
    await t.stack.host.kill();
    await t.stack.restartHost();
    const op = await t.waitForOperation(operationId, hasEnded, 600_000);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.equal(((await t.api('GET', `/api/clusters/${NAME}`)).body as { state: string }).state, 'Ready');
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Compute/virtualMachines').length, 6);
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Network/networkInterfaces').length, 6);
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Network/virtualNetworks').length, 2);
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings').length, 2);
  });

  it('shows every node UN in its planned DC and rack to the driver', async () => {
    const password = t.superuserPassword(NAME);
    const ring = await withSession(DC1, 'dc1', { username: 'autopilot_admin', password }, ringView);
    const expected = [...DC1.map((ip, i) => [ip, { dc: 'dc1', rack: `rack${i + 1}`, up: true }]), ...DC2.map((ip, i) => [ip, { dc: 'dc2', rack: `rack${i + 1}`, up: true }])];
    assert.deepEqual([...ring.entries()].sort(), expected.sort());
  });

  it('booted every node from its planned tokens, with one schema and the system keyspaces created once', async () => {
    const credentials = { username: 'autopilot_admin', password: t.superuserPassword(NAME) };
    await withSession(DC1, 'dc1', credentials, async (client) => {
      assert.deepEqual(await ringTokens(client), plannedTokens(e2eSpec(NAME, 2)));
      const versions = [(await client.execute('SELECT schema_version FROM system.local')).first()?.schema_version,
        ...(await client.execute('SELECT schema_version FROM system.peers')).rows.map((r) => r.schema_version)].map(String);
      assert.equal(new Set(versions).size, 1, `schema versions: ${versions.join(', ')}`);
      const names = (await client.execute('SELECT keyspace_name FROM system_schema.keyspaces')).rows.map((r) => String(r.keyspace_name));
      for (const ks of ['system_auth', 'system_distributed', 'system_traces']) assert.equal(names.filter((n) => n === ks).length, 1, ks);
    });
  });

  it('shows in `nodetool status <keyspace>` the effective ownership the planner\'s tokens promise', async () => {
    const credentials = { username: 'autopilot_admin', password: t.superuserPassword(NAME) };
    // RF 1 per DC: with RF 3 on three nodes every node owns 100 %, which would prove nothing.
    await withSession(DC1, 'dc1', credentials, (client) => client.execute(
      "CREATE KEYSPACE IF NOT EXISTS ownership_probe WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1, 'dc2': 1}"));
    const plan = ((await t.api('GET', `/api/clusters/${NAME}`)).body as ClusterDetailBody).plan;
    const output = await runOnVm(t.armClients(), plan.nodes[0]!, 'nodetool status ownership_probe');
    const seen = nodetoolOwnership(output);
    console.log(`nodetool status ownership_probe: ${JSON.stringify(Object.fromEntries(seen))}`);
    assert.deepEqual([...seen].sort(), [...modelOwnership(e2eSpec(NAME, 2), 1)].sort(), output);
  });

  it('writes customers_ks in dc1 and serves it at LOCAL_QUORUM in dc2', async () => {
    const credentials = { username: 'autopilot_admin', password: t.superuserPassword(NAME) };
    const LOCAL_QUORUM = 0x06;
    await withSession(DC1, 'dc1', credentials, async (client) => {
      const ks = await client.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'customers_ks'");
      assert.deepEqual(ks.first()?.replication, { class: 'org.apache.cassandra.locator.NetworkTopologyStrategy', dc1: '3', dc2: '3' });
      await client.execute('CREATE TABLE IF NOT EXISTS customers_ks.customers (id int PRIMARY KEY, name text)');
      await client.execute('INSERT INTO customers_ks.customers (id, name) VALUES (?, ?)', [1, 'Ada'], { prepare: true, consistency: LOCAL_QUORUM });
    });
    const name = await withSession(DC2, 'dc2', credentials, (client) => waitFor('Ada to be read in dc2', 20_000, async () =>
      (await client.execute('SELECT name FROM customers_ks.customers WHERE id = ?', [1], { prepare: true, consistency: LOCAL_QUORUM })).first()?.name as string | undefined,
    // Replication across DCs is asynchronous; twice a second is often enough to see it land.
    { intervalInMs: 500 }));
    assert.equal(name, 'Ada');
  });

  it('refuses the default cassandra login in both DCs', async () => {
    assert.equal(await isLoginRefused(DC1[0]!, 'dc1', 'cassandra', 'cassandra'), true);
    assert.equal(await isLoginRefused(DC2[0]!, 'dc2', 'cassandra', 'cassandra'), true);
  });

  it('answers bad requests on the live host with 4xx JSON naming the problem, never 500', async () => {
    const cases: [Promise<{ status: number; body: unknown }>, number, string | undefined][] = [
      [t.api('GET', '/api/clusters', { key: '' }), 401, undefined],
      [t.api('GET', '/api/clusters', { key: 'wrong-key' }), 401, undefined],
      [t.api('POST', '/api/clusters', { rawBody: '{"cluster": {' }), 400, 'CASSOPS_REQUEST_MALFORMED_JSON'],
      [t.api('POST', '/api/clusters', { body: { ...e2eSpec('ewrong', 1), datacenters: 'many' } }), 400, 'CASSOPS_SPEC_INVALID'],
      [t.api('POST', '/api/clusters', { body: { ...e2eSpec('eunknown', 1), replicas: 3 } }), 400, 'CASSOPS_SPEC_INVALID'],
      [t.api('POST', '/api/clusters', { rawBody: JSON.stringify({ pad: 'x'.repeat(400_000) }) }), 413, 'CASSOPS_REQUEST_TOO_LARGE'],
      [t.api('POST', '/api/clusters', { rawBody: 'name=x', headers: { 'content-type': 'text/plain' } }), 415, 'CASSOPS_REQUEST_UNSUPPORTED_MEDIA_TYPE'],
      [t.api('POST', '/api/clusters', { body: e2eSpec(NAME, 2) }), 409, 'CASSOPS_CLUSTER_EXISTS'],
      [t.api('GET', '/api/operations/does-not-exist'), 404, 'CASSOPS_OPERATION_NOT_FOUND'],
      [t.api('DELETE', `/api/clusters/${NAME}?confirm=other`), 400, 'CASSOPS_CONFIRM_MISMATCH'],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      assert.equal(res.status, status, JSON.stringify(res.body));
      if (code) assert.equal((res.body as { code: string }).code, code);
    }
    const openapi = await t.api('GET', '/api/openapi.json', { key: '' });
    assert.equal(openapi.status, 200);
    assert.equal((openapi.body as { openapi: string }).openapi, '3.1.0');
  });

  it('deletes everything the cluster owns, and only that', async () => {
    const clients = t.armClients();
    await clients.resources.resourceGroups.createOrUpdate('rg-bystander', { location: 'eastus' });
    const res = await t.api('DELETE', `/api/clusters/${NAME}?confirm=${NAME}`);
    assert.equal(res.status, 202);
    const op = await t.waitForOperation((res.body as { operationId: string }).operationId, hasEnded, 180_000);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual(t.resourcesOf(NAME), []);
    assert.equal((await clients.resources.resourceGroups.get('rg-bystander')).name, 'rg-bystander');
    assert.equal((await t.api('GET', `/api/clusters/${NAME}`)).status, 404);
    assert.equal((await t.api('GET', `/api/operations/${operationId}`)).status, 200, 'the deployment\'s record outlives the cluster');
  });
});
