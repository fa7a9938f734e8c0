import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideRemediation, type RemediationRecord } from '../../../../shared/domain/remediation/decide-remediation.js';
import type { HealthStatusChangedEvent } from '../../../../shared/domain/health/health-store.js';

const NOW = new Date('2026-01-10T12:00:00.000Z');
const event = (findings: HealthStatusChangedEvent['findings'], status: HealthStatusChangedEvent['status'] = 'Degraded'): HealthStatusChangedEvent =>
  ({ type: 'ClusterHealthChanged', cluster: 'orders', status, previousStatus: 'Healthy', at: NOW.toISOString(), checkId: 'check-7', findings });
const down = (node: string) => ({ code: 'node-down', severity: 'warning', node });
const on = { restartCassandra: true, startVms: true, replaceNodes: 'approval' as const, earlier: [] as RemediationRecord[], now: NOW };
const gone = (node: string) => ({ code: 'vm-missing', severity: 'warning', node });
const summary = (drafts: ReturnType<typeof decideRemediation>) => drafts.map((d) => [d.id, d.node, d.decision, d.reason]);

describe('decideRemediation', () => {
  it('restarts Cassandra on a node down while its VM runs, and records the change it answered', () => {
    const [draft] = decideRemediation(event([down('orders-dc1-002'), { code: 'backup-stale', severity: 'warning' }]), on);
    assert.deepEqual(draft, { clusterName: 'orders', checkId: 'check-7', at: NOW.toISOString(), status: 'Degraded', id: 'check-7:orders-dc1-002',
      node: 'orders-dc1-002', action: 'restartCassandra', decision: 'taken', reason: 'Cassandra is down on orders-dc1-002 while its VM runs' });
  });

  it('says there is nothing to do for a change without a node down, stopped or gone', () => {
    assert.deepEqual(summary(decideRemediation(event([{ code: 'disk-usage-high', severity: 'warning', node: 'orders-dc1-001' }]), on)),
      [['check-7', undefined, 'nothing-to-do', 'the cluster is Degraded; no node is down, stopped or gone']]);
    assert.equal(decideRemediation(event([], 'Healthy'), on)[0]!.decision, 'nothing-to-do');
  });

  it('restarts one node at a time: the others of the change are declined, to be decided by the next check', () => {
    assert.deepEqual(summary(decideRemediation(event([down('orders-dc1-003'), down('orders-dc1-001')]), on)).map((s) => [s[1], s[2]]),
      [['orders-dc1-001', 'taken'], ['orders-dc1-003', 'declined']]);
  });

  it('declines when the spec turns it off, when a DC lost quorum, and replaces rather than restarts within an hour of the node\'s last automatic restart', () => {
    const off = decideRemediation(event([down('orders-dc1-002')]), { ...on, restartCassandra: false });
    assert.deepEqual(summary(off)[0]!.slice(2), ['declined', 'the spec\'s autopilot.restartCassandra is false']);
    const lost = decideRemediation(event([down('orders-dc1-002'), { code: 'dc-quorum-lost', severity: 'critical' }], 'Critical'), on);
    assert.deepEqual(summary(lost)[0]!.slice(2), ['declined', 'a datacenter lost quorum: nothing automatic, a person decides']);
    const earlier = (at: string, decision: RemediationRecord['decision'] = 'taken'): RemediationRecord => ({ clusterName: 'orders', id: `check-1:orders-dc1-002`,
      checkId: 'check-1', at, status: 'Degraded', node: 'orders-dc1-002', action: 'restartCassandra', decision, reason: 'x', operationId: 'remediate-check-1' });
    const recent = decideRemediation(event([down('orders-dc1-002')]), { ...on, earlier: [earlier('2026-01-10T11:20:00.000Z')] });
    assert.deepEqual(recent.map((d) => [d.action, d.decision, d.reason]), [['replaceNode', 'taken', 'orders-dc1-002 is down again after its Cassandra '
      + 'was restarted at 2026-01-10T11:20:00.000Z: a replacement at its address is proposed and waits for an approval']], 'down again within the hour: replaced, not restarted');
    const noReplacing = decideRemediation(event([down('orders-dc1-002')]), { ...on, replaceNodes: 'off', earlier: [earlier('2026-01-10T11:20:00.000Z')] });
    assert.deepEqual(summary(noReplacing)[0]!.slice(2), ['declined',
      'its Cassandra was restarted at 2026-01-10T11:20:00.000Z: at most once per node per hour, and the spec\'s autopilot.replaceNodes is off']);
    assert.equal(decideRemediation(event([down('orders-dc1-002')]), { ...on, earlier: [earlier('2026-01-10T10:59:00.000Z')] })[0]!.decision, 'taken',
      'an hour later it may again');
    assert.equal(decideRemediation(event([down('orders-dc1-002')]), { ...on, earlier: [earlier('2026-01-10T11:50:00.000Z', 'declined')] })[0]!.decision, 'taken',
      'a declined decision holds nothing back');
  });

  it('proposes replacing a node whose VM is gone (with an approval unless automatic), before any restart, one remediation at a time', () => {
    const drafts = decideRemediation(event([down('orders-dc1-001'), gone('orders-dc1-003')]), on);
    assert.deepEqual(drafts.map((d) => [d.node, d.action, d.decision]), [['orders-dc1-003', 'replaceNode', 'taken'], ['orders-dc1-001', 'restartCassandra', 'declined']]);
    assert.equal(drafts[0]!.reason, 'VM of orders-dc1-003 is gone: a replacement at its address is proposed and waits for an approval');
    assert.equal(decideRemediation(event([gone('orders-dc1-003')]), { ...on, replaceNodes: 'automatic' })[0]!.reason,
      'VM of orders-dc1-003 is gone: it is replaced at its address');
  });

  it('does not replace when the spec says off, or while a DC lost quorum', () => {
    assert.deepEqual(summary(decideRemediation(event([gone('orders-dc1-003')]), { ...on, replaceNodes: 'off' }))[0]!.slice(2),
      ['declined', 'the spec\'s autopilot.replaceNodes is off']);
    assert.deepEqual(summary(decideRemediation(event([gone('orders-dc1-003'), { code: 'dc-quorum-lost', severity: 'critical' }], 'Critical'), on))[0]!.slice(2),
      ['declined', 'a datacenter lost quorum: nothing automatic, a person decides']);
  });

  it('starts a stopped or deallocated VM (not a Cassandra restart), after a replacement, unless the spec says not to', () => {
    const stopped = { code: 'vm-deallocated', severity: 'warning', node: 'orders-dc1-001' };
    assert.deepEqual(decideRemediation(event([stopped]), on).map((d) => [d.node, d.action, d.decision, d.reason]),
      [['orders-dc1-001', 'startVm', 'taken', 'VM of orders-dc1-001 is stopped outside any operation: it is started']]);
    assert.deepEqual(decideRemediation(event([stopped, gone('orders-dc1-003')]), on).map((d) => [d.action, d.decision]),
      [['replaceNode', 'taken'], ['startVm', 'declined']]);
    assert.deepEqual(summary(decideRemediation(event([stopped]), { ...on, startVms: false }))[0]!.slice(2),
      ['declined', 'the spec\'s autopilot.startVms is false']);
  });

  it('replaces a node whose VM failed to provision once the node is down too; a failed VM whose node still serves is left alone', () => {
    const failed = { code: 'vm-provisioning-failed', severity: 'warning', node: 'orders-dc1-002' };
    assert.deepEqual(decideRemediation(event([failed, down('orders-dc1-002')]), on).map((d) => [d.action, d.decision, d.reason]),
      [['replaceNode', 'taken', 'VM of orders-dc1-002 is in provisioning state Failed and the node is down: a replacement at its address is proposed and waits for an approval']]);
    assert.equal(decideRemediation(event([failed]), on)[0]!.decision, 'nothing-to-do');
  });
});
