import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateClusterRequest } from '../../../shared/api/update-cluster-request.js';
import { clusterEtag } from '../../../shared/api/cluster-etag.js';
import type { ClusterApiDeps } from '../../../shared/api/cluster-api-deps.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { UpdateClusterInput } from '../../../shared/contracts/update-io.js';
import { backupApiWorld } from '../../support/backup-api-world.js';
import { localSpecFixture } from '../../support/deployment-plan-fixture.js';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A Ready cluster `orders` whose record holds the fixture's spec as a deployment would have stored it. */
async function world(state: 'Ready' | 'Provisioning' = 'Ready') {
  const w = await backupApiWorld({ orders: state });
  const deps = { ...(w.deps as unknown as ClusterApiDeps), target: 'local' as const,
    subscriptionId: (localSpecFixture().azure as { subscriptionId: string }).subscriptionId };
  const { planRequest } = await import('../../../shared/api/plan-request.js');
  const planned = planRequest(localSpecFixture(1, 3, { name: 'orders' }), deps);
  const cluster = (await w.state.getCluster('orders'))!;
  await w.state.replaceCluster({ ...cluster, spec: planned.spec, plan: planned.plan });
  return { ...w, deps, etag: clusterEtag({ spec: planned.spec }) };
}
const spec = (change: (b: Body) => void = () => undefined): Body => {
  const body: Body = structuredClone(localSpecFixture(1, 3, { name: 'orders' }));
  change(body);
  return body;
};
const refusal = (code: string, check: (e: { message: string; issues?: { path: string; message: string }[] }) => boolean = () => true) =>
  (e: { code: string; message: string; issues?: { path: string; message: string }[] }) => e.code === code && check(e);

describe('PUT /api/clusters/{name}', () => {
  it('scale out: starts an UpdateCluster operation holding the cluster, lists the new node as Planned, and leaves the spec to the commit', async () => {
    const w = await world();
    const before = await w.state.getCluster('orders');
    const answer = await updateClusterRequest(w.deps, 'orders', spec((b) => { b.datacenters[0].nodes = 4; }), w.etag, 'ada');
    assert.equal(answer.status, 202);
    const { operationId, nodesAdded } = answer.body as { operationId: string; nodesAdded: { node: string }[] };
    assert.deepEqual(nodesAdded.map((n) => n.node), ['orders-dc1-004']);
    assert.deepEqual(w.started.map((s) => [s.name, s.instanceId]), [[ORCHESTRATIONS.updateCluster, operationId]]);
    const input = w.started[0]!.input as UpdateClusterInput;
    assert.deepEqual(input.update.add.map((n) => [n.name, n.initial]), [['orders-dc1-004', false]]);
    assert.equal(input.update.cleanup.length, 3);
    assert.equal(input.plan.nodes.length, 4);
    assert.deepEqual((await w.state.readLease('orders')).holders.map((h) => h.kind), ['UpdateCluster']);
    const op = await w.state.getOperation(operationId);
    assert.deepEqual([op?.kind, op?.requestedBy, op?.trigger], ['UpdateCluster', 'ada', 'api']);
    assert.deepEqual((await w.state.listNodes('orders')).filter((n) => n.name === 'orders-dc1-004').map((n) => n.state), ['Planned']);
    assert.deepEqual((await w.state.getCluster('orders'))?.spec, before?.spec, 'the record keeps its spec until the update commits');
  });

  it('answers 200 unchanged and starts nothing for the spec the cluster has; If-Match * matches any spec', async () => {
    const w = await world();
    const answer = await updateClusterRequest(w.deps, 'orders', spec(), '*', 'ada');
    assert.deepEqual([answer.status, answer.body, answer.headers], [200, { cluster: 'orders', unchanged: true }, { etag: w.etag }]);
    assert.deepEqual(w.started, []);
  });

  it('refuses a missing If-Match (428) and a stale one (412), before anything is written', async () => {
    const w = await world();
    const body = spec((b) => { b.datacenters[0].nodes = 4; });
    await assert.rejects(updateClusterRequest(w.deps, 'orders', body, undefined, 'ada'), refusal('CASSOPS_PRECONDITION_REQUIRED'));
    await assert.rejects(updateClusterRequest(w.deps, 'orders', body, '"0123456789abcdef0123456789abcdef"', 'ada'),
      refusal('CASSOPS_PRECONDITION_FAILED', (e) => e.message.includes(w.etag)));
    assert.deepEqual([w.started, await w.state.listOperations('orders', 10)], [[], []]);
  });

  it('refuses what cannot change, each at its path (409), and changes nothing', async () => {
    const w = await world();
    const body = spec((b) => {
      b.cluster.numTokens = 4;
      b.datacenters[0].region = 'westus3';
      b.cluster.authentication = { enabled: false };
    });
    await assert.rejects(updateClusterRequest(w.deps, 'orders', body, w.etag, 'ada'), refusal('CASSOPS_CHANGE_REFUSED',
      (e) => ['$.cluster.numTokens', '$.datacenters[0].region', '$.cluster.authentication'].every((p) => e.issues?.some((i) => i.path === p))));
    assert.deepEqual([w.started, await w.state.listOperations('orders', 10)], [[], []]);
  });

  it('refuses a scale in below a keyspace\'s replication factor, naming the keyspace and the DC, and starts nothing', async () => {
    const w = await world();
    await assert.rejects(updateClusterRequest(w.deps, 'orders', spec((b) => { b.datacenters[0].nodes = 2; }), w.etag, 'ada'),
      refusal('CASSOPS_SPEC_INVALID', (e) => e.issues?.some((i) => i.path === '$.keyspaces[0].replication.dc1'
        && /replication factor 3 is more than the 2 nodes/.test(i.message)) === true));
    assert.deepEqual(w.started, []);
  });

  it('refuses an invalid spec (400 with each issue), an unknown cluster (404) and a cluster not Ready (409)', async () => {
    const w = await world();
    await assert.rejects(updateClusterRequest(w.deps, 'orders', spec((b) => { b.datacenters[0].nodes = 'four'; }), w.etag, 'ada'),
      refusal('CASSOPS_SPEC_INVALID', (e) => e.issues?.some((i) => i.path === '$.datacenters[0].nodes') === true));
    await assert.rejects(updateClusterRequest(w.deps, 'nowhere', spec(), '*', 'ada'), refusal('CASSOPS_CLUSTER_NOT_FOUND'));
    const building = await world('Provisioning');
    await assert.rejects(updateClusterRequest(building.deps, 'orders', spec(), '*', 'ada'), refusal('CASSOPS_CLUSTER_UNHEALTHY'));
  });
});
