import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { postRestartRequest } from '../../../shared/api/restart-requests.js';
import type { ClusterApiDeps } from '../../../shared/api/cluster-api-deps.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { RestartClusterInput } from '../../../shared/contracts/restart-io.js';
import { backupApiWorld } from '../../support/backup-api-world.js';

async function world(state: 'Ready' | 'Provisioning' = 'Ready') {
  const w = await backupApiWorld({ orders: state });
  const plan = (await w.state.getCluster('orders'))!.plan;
  return { ...w, plan, deps: w.deps as unknown as ClusterApiDeps };
}
const refusal = (code: string, check: (e: { message: string; issues?: { path: string; message: string }[] }) => boolean = () => true) =>
  (e: { code: string; message: string; issues?: { path: string; message: string }[] }) => e.code === code && check(e);

describe('POST /api/clusters/{name}/restart and /nodes/{node}/restart', () => {
  it('restarts every node in join order with no body, as a RestartCluster operation holding the cluster', async () => {
    const w = await world();
    const answer = await postRestartRequest(w.deps, 'orders', {}, 'ada');
    assert.equal(answer.status, 202);
    const { operationId } = answer.body as { operationId: string };
    assert.deepEqual(w.started.map((s) => [s.name, s.instanceId]), [[ORCHESTRATIONS.restartCluster, operationId]]);
    const input = w.started[0]!.input as RestartClusterInput;
    assert.deepEqual(input.nodes.map((n) => n.name), [...w.plan.nodes].sort((a, b) => a.joinOrder - b.joinOrder).map((n) => n.name));
    assert.deepEqual(input.settings, { nodeTimeoutInMs: 1000, pollIntervalInMs: 100 });
    const op = await w.state.getOperation(operationId);
    assert.deepEqual([op?.kind, op?.requestedBy, op?.trigger], ['RestartCluster', 'ada', 'api']);
    assert.deepEqual((await w.state.readLease('orders')).holders.map((h) => h.kind), ['RestartCluster']);
  });

  it('restarts the nodes named, in the order given, and one node through its own route', async () => {
    const w = await world();
    const [a, b] = [w.plan.nodes[2]!.name, w.plan.nodes[0]!.name];
    await postRestartRequest(w.deps, 'orders', { nodes: [a, b] }, 'ada');
    assert.deepEqual((w.started[0]!.input as RestartClusterInput).nodes.map((n) => n.name), [a, b]);
    const other = await world();
    await postRestartRequest(other.deps, 'orders', {}, 'ada', b);
    assert.deepEqual((other.started[0]!.input as RestartClusterInput).nodes.map((n) => n.name), [b]);
  });

  it('refuses bad input naming the field, a node the cluster does not have, a cluster not Ready or busy: nothing started', async () => {
    const w = await world();
    await assert.rejects(postRestartRequest(w.deps, 'orders', { nodes: 'all' }, 'ada'),
      refusal('CASSOPS_REQUEST_INVALID', (e) => e.issues?.[0]?.path === '$.nodes'));
    await assert.rejects(postRestartRequest(w.deps, 'orders', { nodes: [] }, 'ada'), refusal('CASSOPS_REQUEST_INVALID', (e) => e.issues?.[0]?.path === '$.nodes'));
    await assert.rejects(postRestartRequest(w.deps, 'orders', { node: 'x' }, 'ada'),
      refusal('CASSOPS_REQUEST_INVALID', (e) => e.issues?.[0]?.message === 'unknown field "node"'));
    await assert.rejects(postRestartRequest(w.deps, 'orders', { nodes: ['orders-dc1-009'] }, 'ada'),
      refusal('CASSOPS_CLUSTER_NOT_FOUND', (e) => e.message.includes("has no node 'orders-dc1-009'")));
    await assert.rejects(postRestartRequest(w.deps, 'orders', {}, 'ada', 'nope'), refusal('CASSOPS_CLUSTER_NOT_FOUND', (e) => e.message.includes("'nope'")));
    await assert.rejects(postRestartRequest(w.deps, 'nowhere', {}, 'ada'), refusal('CASSOPS_CLUSTER_NOT_FOUND'));
    assert.deepEqual(w.started, []);
    assert.deepEqual((await w.state.readLease('orders')).holders, []);
    assert.deepEqual(await w.state.listOperations('orders', 10), []);

    const building = await world('Provisioning');
    await assert.rejects(postRestartRequest(building.deps, 'orders', {}, 'ada'), refusal('CASSOPS_CLUSTER_UNHEALTHY'));
    await postRestartRequest(w.deps, 'orders', {}, 'ada');
    await assert.rejects(postRestartRequest(w.deps, 'orders', {}, 'bob'), refusal('CASSOPS_CLUSTER_BUSY'));
    assert.equal(w.started.length, 1);
  });
});
