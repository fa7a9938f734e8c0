import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planRestartWaves } from '../../../../shared/domain/restart/plan-restart-waves.js';
import { deploymentPlanFixture } from '../../../support/deployment-plan-fixture.js';

const names = (waves: { name: string }[][]) => waves.map((w) => w.map((n) => n.name));

describe('planRestartWaves', () => {
  const plan = deploymentPlanFixture(1, 6);
  const ordered = [...plan.nodes].sort((a, b) => a.joinOrder - b.joinOrder);

  it('by node: one node a wave, in the order given', () => {
    assert.deepEqual(names(planRestartWaves(ordered, plan, 'node').waves), ordered.map((n) => [n.name]));
  });

  it('by rack: each rack\'s nodes together, racks in the order their first node comes, when every keyspace has 3 replicas over 3 racks', () => {
    const { waves, note } = planRestartWaves(ordered, plan, 'rack');
    assert.deepEqual(waves.map((w) => [...new Set(w.map((n) => n.rack))]), [['rack1'], ['rack2'], ['rack3']]);
    assert.deepEqual(waves.map((w) => w.length), [2, 2, 2]);
    assert.equal(note, undefined);
  });

  it('node by node, saying why, where a rack down would lose quorum: fewer than 3 replicas, or more replicas than racks', () => {
    const rf2 = { ...plan, keyspaces: [{ name: 'shop', replication: { dc1: 2 }, durableWrites: true }] };
    const two = planRestartWaves(ordered, rf2, 'rack');
    assert.deepEqual(two.waves.map((w) => w.length), [1, 1, 1, 1, 1, 1]);
    assert.match(two.note ?? '', /dc1: a keyspace has 2 replica\(s\) there over 3 rack\(s\)/);
    const rf5 = { ...plan, keyspaces: [{ name: 'shop', replication: { dc1: 5 }, durableWrites: true }] };
    assert.match(planRestartWaves(ordered, rf5, 'rack').note ?? '', /5 replica\(s\) there over 3 rack\(s\)/);
  });
});
