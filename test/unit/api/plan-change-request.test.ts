import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planChangeRequest } from '../../../shared/api/plan-change-request.js';
import { repairApiWorld } from '../../support/repair-api-world.js';
import { localSpecFixture } from '../../support/deployment-plan-fixture.js';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function world() {
  const w = await repairApiWorld({ orders: 'Ready' });
  const subscriptionId = (localSpecFixture().azure as { subscriptionId: string }).subscriptionId;
  return { ...w, deps: { state: w.state, target: 'local' as const, subscriptionId } };
}

describe('POST /api/clusters/{name}/plan', () => {
  it('answers what the spec would change and what it refuses, and changes nothing', async () => {
    const w = await world();
    const stored = await w.state.getCluster('orders');
    const body: Body = localSpecFixture(1, 3, { name: 'orders' });
    body.datacenters[0].nodes = 4;
    body.cluster.numTokens = 4;
    const answer = await planChangeRequest(w.deps, 'orders', body);
    assert.equal(answer.status, 200);
    const plan = answer.body as { cluster: string; nodesAdded: { node: string }[]; refused: { path: string }[]; unchanged: boolean };
    assert.deepEqual(plan.nodesAdded.map((n) => n.node), ['orders-dc1-004']);
    assert.deepEqual(plan.refused.map((r) => r.path), ['$.cluster.numTokens']);
    assert.equal(plan.unchanged, false);
    assert.deepEqual(await w.state.getCluster('orders'), stored, 'nothing changed');
    assert.deepEqual(await w.state.listOperations('orders', 10), []);
  });

  it('refuses an invalid spec with every issue at its path, and an unknown cluster with a 404 code', async () => {
    const w = await world();
    const body: Body = localSpecFixture(1, 3, { name: 'orders' });
    body.datacenters[0].nodes = 0;
    await assert.rejects(planChangeRequest(w.deps, 'orders', body),
      (e: { code: string; issues: { path: string }[] }) => e.code === 'CASSOPS_SPEC_INVALID' && e.issues.some((i) => i.path === '$.datacenters[0].nodes'));
    await assert.rejects(planChangeRequest(w.deps, 'nowhere', localSpecFixture(1, 3)), { code: 'CASSOPS_CLUSTER_NOT_FOUND' });
  });
});
