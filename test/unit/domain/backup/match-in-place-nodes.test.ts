import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchInPlaceNodes } from '../../../../shared/domain/backup/match-in-place-nodes.js';
import type { RingNode } from '../../../../shared/domain/repair/repair-model.js';
import { backupManifest, tokensOf } from '../../../support/backup-fixtures.js';
import { deploymentPlanFixture } from '../../../support/deployment-plan-fixture.js';

const plan = deploymentPlanFixture(1, 3);
const { nodes: backed } = backupManifest(plan, 'b-1');
const ring = (change: (n: RingNode, i: number) => Partial<RingNode> = () => ({})): RingNode[] => plan.nodes.map((n, i) => {
  const node = { address: n.privateIp, hostId: `00000000-0000-4000-8000-00000000000${i}`, dc: n.dc, rack: n.rack, tokens: tokensOf(i) };
  return { ...node, ...change(node, i) };
});

describe('matchInPlaceNodes', () => {
  it('pairs each node with itself when the ring gives it the tokens the backup recorded, in whatever order', () => {
    const matched = matchInPlaceNodes(backed, plan.nodes, ring((n) => ({ tokens: [...n.tokens].reverse() })));
    assert.deepEqual(matched.ok && matched.pairings.map((p) => [p.target, p.source.node]), plan.nodes.map((n) => [n.name, n.name]));
  });

  const cases: [string, Parameters<typeof matchInPlaceNodes>, string[]][] = [
    ['a node holding other tokens', [backed, plan.nodes, ring((_n, i) => (i === 1 ? { tokens: tokensOf(7) } : {}))],
      ['demo-dc1-002: holds other tokens than the backup recorded']],
    ['a node the ring does not list', [backed, plan.nodes, ring().slice(0, 2)], ['demo-dc1-003: not in the ring']],
    ['a node removed since the backup', [backed, plan.nodes.slice(0, 2), ring().slice(0, 2)], ['demo-dc1-003: in the backup, no longer in the cluster']],
    ['a node added since the backup', [backed.slice(0, 2), plan.nodes, ring()], ['demo-dc1-003: in the cluster, not in the backup']],
  ];
  for (const [what, args, mismatches] of cases) {
    it(`refuses ${what}, naming it`, () => assert.deepEqual(matchInPlaceNodes(...args), { ok: false, mismatches }));
  }
});
