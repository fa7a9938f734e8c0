import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideLeaseClaim } from '../../../../shared/domain/operations/decide-lease-claim.js';
import type { InstanceState, LeaseHolder } from '../../../../shared/domain/operations/lease.js';
import { releaseHolder, renewHolder } from '../../../../shared/domain/operations/lease-changes.js';
import type { OperationKind } from '../../../../shared/domain/operations/operation-kinds.js';

const NOW = '2026-01-01T00:10:00.000Z';
const holder = (operationId: string, expiresAt = '2026-01-01T00:12:00.000Z', kind: OperationKind = 'DeployCluster'): LeaseHolder =>
  ({ operationId, instanceId: operationId, kind, requestedBy: 'ci', claimedAt: '2026-01-01T00:00:00.000Z', expiresAt });
const claim = holder('new', '2026-01-01T00:12:00.000Z', 'DeleteCluster');

describe('decideLeaseClaim', () => {
  const cases: { name: string; holders: LeaseHolder[]; states: Record<string, InstanceState>; outcome: string; takenOver?: string[] }[] = [
    { name: 'an empty lease is taken', holders: [], states: {}, outcome: 'take', takenOver: [] },
    { name: 'a running holder refuses', holders: [holder('a')], states: { a: 'Running' }, outcome: 'refuse' },
    { name: 'a running holder refuses even past its expiry', holders: [holder('a', '2026-01-01T00:01:00.000Z')], states: { a: 'Running' }, outcome: 'refuse' },
    { name: 'a pending holder refuses', holders: [holder('a')], states: { a: 'Pending' }, outcome: 'refuse' },
    { name: 'a suspended holder refuses', holders: [holder('a')], states: { a: 'Suspended' }, outcome: 'refuse' },
    { name: 'a terminated holder is taken over', holders: [holder('a')], states: { a: 'Terminated' }, outcome: 'take', takenOver: ['a'] },
    { name: 'a failed holder is taken over', holders: [holder('a')], states: { a: 'Failed' }, outcome: 'take', takenOver: ['a'] },
    { name: 'a completed holder that never released is taken over', holders: [holder('a')], states: { a: 'Completed' }, outcome: 'take', takenOver: ['a'] },
    { name: 'an unstarted holder within its claim is respected', holders: [holder('a')], states: {}, outcome: 'refuse' },
    { name: 'an unstarted holder past its claim is taken over', holders: [holder('a', '2026-01-01T00:09:59.000Z')], states: {}, outcome: 'take', takenOver: ['a'] },
    { name: 'the same operation claiming again holds', holders: [holder('new')], states: { new: 'Running' }, outcome: 'held' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const decision = decideLeaseClaim(c.holders, c.states, claim, NOW);
      assert.equal(decision.outcome, c.outcome);
      if (decision.outcome === 'take') {
        assert.deepEqual(decision.takenOver.map((t) => t.holder.operationId), c.takenOver);
        assert.deepEqual(decision.holders.map((h) => h.operationId), ['new']);
        for (const t of decision.takenOver) assert.match(t.reason, new RegExp(t.holder.instanceId));
      }
      if (decision.outcome === 'refuse') assert.equal(decision.blocker.operationId, 'a');
    });
  }
});

describe('lease changes', () => {
  const lease = { clusterName: 'c', holders: [holder('a'), holder('b')] };
  it('renews only its own holder, only forward, and never re-adds a holder that is gone', () => {
    assert.equal(renewHolder(lease, 'a', '2026-01-01T00:15:00.000Z')?.holders[0]?.expiresAt, '2026-01-01T00:15:00.000Z');
    assert.equal(renewHolder(lease, 'a', '2026-01-01T00:11:00.000Z'), undefined);
    assert.equal(renewHolder(lease, 'gone', '2030-01-01T00:00:00.000Z'), undefined);
  });
  it('releases only its own holder', () => {
    assert.deepEqual(releaseHolder(lease, 'a')?.holders.map((h) => h.operationId), ['b']);
    assert.equal(releaseHolder(lease, 'gone'), undefined);
  });
});
