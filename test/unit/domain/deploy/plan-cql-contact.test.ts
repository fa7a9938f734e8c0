import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploymentPlanFixture } from '../../../support/deployment-plan-fixture.js';
import { MAX_CONTACT_POINTS, planCqlContact } from '../../../../shared/domain/deploy/plan-cql-contact.js';

test('contact points: the DC\'s seeds first, then its other nodes, capped whatever the DC\'s size', () => {
  for (const [nodes, expected] of [[1, 1], [3, 3], [250, MAX_CONTACT_POINTS]] as const) {
    const plan = deploymentPlanFixture(2, nodes);
    const contact = planCqlContact(plan, 'dc2');
    assert.equal(contact.dc, 'dc2');
    assert.equal(contact.contactPoints.length, expected, `${nodes} nodes`);
    const byIp = new Map(plan.nodes.map((n) => [n.privateIp, n]));
    assert.ok(contact.contactPoints.every((ip) => byIp.get(ip)?.dc === 'dc2'));
    const seeds = plan.nodes.filter((n) => n.dc === 'dc2' && n.isSeed).map((n) => n.privateIp);
    assert.deepEqual(contact.contactPoints.slice(0, seeds.length), seeds);
  }
});
