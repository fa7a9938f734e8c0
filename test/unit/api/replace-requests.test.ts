import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { replaceNodeRequest, type ReplaceApiDeps } from '../../../shared/api/replace-requests.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { ReplaceNodeInput } from '../../../shared/contracts/replace-io.js';
import { backupApiWorld } from '../../support/backup-api-world.js';
import { ok } from '../../../shared/errors/result.js';

/** A Ready cluster `orders` whose node `down` (by index) does not answer CQL. */
async function world(down: number[] = [1], state: 'Ready' | 'Provisioning' = 'Ready') {
  const w = await backupApiWorld({ orders: state });
  const plan = (await w.state.getCluster('orders'))!.plan;
  const deps = { ...(w.deps as unknown as ReplaceApiDeps),
    readNodesUp: async () => ok({ up: plan.nodes.filter((_, i) => !down.includes(i)), down: plan.nodes.filter((_, i) => down.includes(i)) }) };
  return { ...w, plan, deps };
}
const refusal = (code: string, check: (e: { message: string }) => boolean = () => true) => (e: { code: string; message: string }) => e.code === code && check(e);

describe('POST /api/clusters/{name}/nodes/{node}/replace', () => {
  it('starts a ReplaceNode operation for a dead node: same name and address, replace_address set, no approval (a person asked)', async () => {
    const w = await world();
    const node = w.plan.nodes[1]!;
    const answer = await replaceNodeRequest(w.deps, 'orders', node.name, 'ada');
    assert.equal(answer.status, 202);
    const { operationId } = answer.body as { operationId: string };
    assert.deepEqual(w.started.map((s) => [s.name, s.instanceId]), [[ORCHESTRATIONS.replaceNode, operationId]]);
    const input = w.started[0]!.input as ReplaceNodeInput;
    assert.deepEqual([input.machine.node.name, input.machine.node.privateIp, input.machine.replaceAddress, input.approval], [node.name, node.privateIp, node.privateIp, undefined]);
    const op = await w.state.getOperation(operationId);
    assert.deepEqual([op?.kind, op?.requestedBy, op?.trigger], ['ReplaceNode', 'ada', 'api']);
  });

  it('refuses a live node (409 CASSOPS_NODE_ALIVE, pointing at a restart), an unknown node (404) and a cluster not Ready (409), starting nothing', async () => {
    const w = await world([]);
    await assert.rejects(replaceNodeRequest(w.deps, 'orders', w.plan.nodes[1]!.name, 'ada'),
      refusal('CASSOPS_NODE_ALIVE', (e) => e.message.includes(`/nodes/${w.plan.nodes[1]!.name}/restart`)));
    await assert.rejects(replaceNodeRequest(w.deps, 'orders', 'orders-dc9-001', 'ada'), refusal('CASSOPS_CLUSTER_NOT_FOUND', (e) => /orders-dc9-001/.test(e.message)));
    const building = await world([1], 'Provisioning');
    await assert.rejects(replaceNodeRequest(building.deps, 'orders', building.plan.nodes[1]!.name, 'ada'), refusal('CASSOPS_CLUSTER_UNHEALTHY'));
    assert.deepEqual([w.started, building.started, await w.state.listOperations('orders', 10)], [[], [], []]);
  });
});
