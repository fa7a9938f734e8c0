import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planClusterChange } from '../../../../shared/domain/changes/plan-cluster-change.js';
import { initialNodesOf, planClusterUpdate, unsupportedChanges } from '../../../../shared/domain/changes/plan-cluster-update.js';
import { planRequest } from '../../../../shared/api/plan-request.js';
import { localSpecFixture } from '../../../support/deployment-plan-fixture.js';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const SUBSCRIPTION = (localSpecFixture().azure as { subscriptionId: string }).subscriptionId;
/** The running cluster: two DCs of three nodes, every node booted with the cluster. */
const current = planRequest(localSpecFixture(2, 3), { target: 'local', subscriptionId: SUBSCRIPTION });
/** The update from `current` to the fixture's body with `change` made to a copy of it. */
function updateFor(change: (body: Body) => void) {
  const body = structuredClone(localSpecFixture(2, 3));
  change(body);
  const next = planRequest(body, { target: 'local', subscriptionId: SUBSCRIPTION, initialNodes: initialNodesOf(current.plan) });
  const plan = planClusterChange(current, next);
  return { next, plan, update: planClusterUpdate(current.plan, next.plan, plan), unsupported: unsupportedChanges(plan) };
}
const names = (nodes: { name: string }[]) => nodes.map((n) => n.name);

describe('planClusterUpdate: the steps of an update', () => {
  it('counts the nodes each DC booted with', () => {
    assert.deepEqual(initialNodesOf(current.plan), { dc1: 3, dc2: 3 });
  });

  it('scale out: the new node bootstraps (not initial, no planned tokens); the DC\'s other nodes are cleaned up after, in join order', () => {
    const { next, update, unsupported } = updateFor((b) => { b.datacenters[0].nodes = 4; });
    assert.deepEqual(names(update.add), ['demo-dc1-004']);
    assert.equal(update.add[0]!.initial, false, 'a node added to a running ring bootstraps');
    assert.equal(next.plan.nodes.find((n) => n.name === 'demo-dc1-001')!.initial, true, 'the nodes that booted keep being initial');
    assert.deepEqual(names(update.cleanup), ['demo-dc1-001', 'demo-dc1-002', 'demo-dc1-003'], 'only the DC that grew');
    assert.deepEqual([update.remove, update.keyspaces, update.network, unsupported], [[], false, false, []]);
  });

  it('scale in: the highest-numbered nodes leave, last joined first, and nothing is cleaned up', () => {
    const grown = updateFor((b) => { b.datacenters[0].nodes = 5; }).next;
    const update = planClusterUpdate(grown.plan, current.plan, planClusterChange(grown, current));
    assert.deepEqual(names(update.remove), ['demo-dc1-005', 'demo-dc1-004']);
    assert.deepEqual([update.add, update.cleanup], [[], []]);
  });

  it('a DC shrinking below three nodes lowers the system keyspaces\' factor first: Cassandra refuses a decommission below it', () => {
    const rf2 = (b: Body) => { b.keyspaces[0].replication = { dc1: 2, dc2: 2 }; b.datacenters[0].racks = 2; };
    const running = planRequest((() => { const b = structuredClone(localSpecFixture(2, 3)); rf2(b); return b; })(), { target: 'local', subscriptionId: SUBSCRIPTION });
    const smaller: Body = structuredClone(localSpecFixture(2, 3));
    rf2(smaller);
    smaller.datacenters[0].nodes = 2;
    const next = planRequest(smaller, { target: 'local', subscriptionId: SUBSCRIPTION, initialNodes: initialNodesOf(running.plan) });
    const update = planClusterUpdate(running.plan, next.plan, planClusterChange(running, next));
    assert.deepEqual([next.plan.systemReplication, update.keyspaces, names(update.remove)], [{ dc1: 2, dc2: 3 }, true, ['demo-dc1-003']]);
  });

  it('a replication factor lowered in a DC cleans that DC\'s nodes up; a raised one sets replication without cleanup', () => {
    const lowered = updateFor((b) => { b.keyspaces[0].replication.dc2 = 2; });
    assert.equal(lowered.update.keyspaces, true);
    assert.deepEqual(names(lowered.update.cleanup), ['demo-dc2-001', 'demo-dc2-002', 'demo-dc2-003']);
  });

  it('NSG rules and tags apply the network again; schedules change only the record', () => {
    assert.equal(updateFor((b) => { b.network.cqlAllowedCidrs = ['127.0.0.0/8']; }).update.network, true);
    assert.equal(updateFor((b) => { b.azure.tags = { team: 'data' }; }).update.network, true);
    const schedules = updateFor((b) => { b.schedules = { ...b.schedules, health: { schedule: '0 */10 * * * *' } }; });
    assert.equal(schedules.update.network, false);
    assert.deepEqual(schedules.unsupported, []);
  });

  it('a new datacenter: its network and nodes, joined without bootstrap, rebuilt from the first DC; nothing cleaned up', () => {
    const one = planRequest(localSpecFixture(1, 3), { target: 'local', subscriptionId: SUBSCRIPTION });
    const two = planRequest(localSpecFixture(2, 3), { target: 'local', subscriptionId: SUBSCRIPTION, initialNodes: initialNodesOf(one.plan) });
    const change = planClusterChange(one, two);
    const update = planClusterUpdate(one.plan, two.plan, change);
    assert.deepEqual(unsupportedChanges(change), []);
    assert.deepEqual([update.datacenters, update.network, update.keyspaces, update.cleanup], [['dc2'], true, true, []]);
    assert.deepEqual(names(update.add), ['demo-dc2-001', 'demo-dc2-002', 'demo-dc2-003']);
    assert.ok(update.add.every((n) => !n.initial), 'a running cluster\'s new DC takes no planned tokens');
    assert.deepEqual([names(update.rebuild.nodes), update.rebuild.sourceDc], [names(update.add), 'dc1']);
  });

  it('a removed datacenter: replication leaves it, its nodes decommission last joined first, then its peerings and resource group go', () => {
    const { update, unsupported } = updateFor((b) => {
      b.datacenters = [b.datacenters[0]];
      b.keyspaces[0].replication = { dc1: 3 };
    });
    assert.deepEqual(unsupported, []);
    assert.deepEqual(names(update.remove), ['demo-dc2-003', 'demo-dc2-002', 'demo-dc2-001']);
    assert.equal(update.keyspaces, true);
    assert.deepEqual(update.retire.peerings.map((p) => [p.fromDc, p.toDc]).sort(), [['dc1', 'dc2'], ['dc2', 'dc1']]);
    assert.deepEqual([update.retire.datacenters, update.retire.systemReplicationWhileLeaving], [['dc2'], { dc1: 3, dc2: 3 }]);
    assert.deepEqual(update.retire.resourceGroups.map((g) => g.name), [current.plan.datacenters[1]!.resourceGroup]);
    assert.deepEqual([update.add, update.cleanup], [[], []]);
  });

  it('a JVM change restarts every node that stays, in join order, before anything joins', () => {
    const { update, unsupported } = updateFor((b) => {
      b.cluster.jvm = { ...b.cluster.jvm, maxHeapMiB: 2048 };
      b.datacenters[0].nodes = 4;
    });
    assert.deepEqual(unsupported, []);
    assert.deepEqual(names(update.restart), names([...current.plan.nodes].sort((a, b) => a.joinOrder - b.joinOrder)));
    assert.deepEqual(names(update.add), ['demo-dc1-004'], 'the new node boots with the new settings');
  });

  it('refuses what an update does not apply yet, naming each: authentication, the load balancer', () => {
    const restart = updateFor((b) => { b.cluster.authentication = { enabled: false }; });
    assert.deepEqual(restart.unsupported.map((u) => u.path), ['$.cluster.authentication']);
    const lb = updateFor((b) => { b.network.internalLoadBalancer = !b.network.internalLoadBalancer; });
    assert.deepEqual(lb.unsupported.map((u) => u.path), ['$.network.internalLoadBalancer']);
  });
});
