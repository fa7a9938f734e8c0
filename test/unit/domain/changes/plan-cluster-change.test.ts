import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planClusterChange, type ClusterChangePlan } from '../../../../shared/domain/changes/plan-cluster-change.js';
import { planRequest } from '../../../../shared/api/plan-request.js';
import { localSpecFixture } from '../../../support/deployment-plan-fixture.js';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const SUBSCRIPTION = (localSpecFixture().azure as { subscriptionId: string }).subscriptionId;
const planned = (body: Body) => planRequest(body, { target: 'local', subscriptionId: SUBSCRIPTION });
/** The running cluster: demo, two DCs of three nodes, customers_ks at 3 in each. */
const current = planned(localSpecFixture(2, 3));
/** The fixture's body with `change` made to a deep copy of it. */
const changed = (change: (body: Body) => void, base: Body = localSpecFixture(2, 3)): ClusterChangePlan => {
  const body = structuredClone(base);
  change(body);
  return planClusterChange(current, planned(body));
};
const refusedPaths = (plan: ClusterChangePlan) => plan.refused.map((r) => r.path);

describe('planClusterChange: what a new spec would do to a running cluster', () => {
  it('finds nothing to do for the spec the cluster runs', () => {
    const plan = planClusterChange(current, planned(localSpecFixture(2, 3)));
    assert.equal(plan.unchanged, true);
    assert.deepEqual([plan.nodesAdded, plan.nodesRemoved, plan.refused, plan.rollingRestart, plan.inPlace], [[], [], [], [], []]);
  });

  it('scale out: the new nodes, each with its DC and rack', () => {
    const plan = changed((b) => { b.datacenters[0].nodes = 5; });
    assert.deepEqual(plan.nodesAdded, [{ node: 'demo-dc1-004', dc: 'dc1', rack: 'rack1' }, { node: 'demo-dc1-005', dc: 'dc1', rack: 'rack2' }]);
    assert.deepEqual([plan.nodesRemoved, plan.refused, plan.unchanged], [[], [], false]);
  });

  it('scale in: the nodes that leave, the newest first; refused below a keyspace\'s replication factor in that DC', () => {
    const grown = localSpecFixture(2, 3);
    (grown.datacenters as Body[])[0]!.nodes = 4;
    const back = planClusterChange(planned(grown), planned(localSpecFixture(2, 3)));
    assert.deepEqual([back.nodesRemoved, back.refused], [[{ node: 'demo-dc1-004', dc: 'dc1', rack: 'rack1' }], []]);
    // One rack, so that two nodes are a valid DC: a spec keeping RF 3 there is refused as invalid (400 at the path)…
    const oneRack = localSpecFixture(2, 3);
    (oneRack.datacenters as Body[])[0]!.racks = 1;
    const running = planned(oneRack);
    const shrunk = structuredClone(oneRack);
    (shrunk.datacenters as Body[])[0]!.nodes = 2;
    assert.throws(() => planned(shrunk), (e: { issues: { path: string }[] }) => e.issues.some((i) => i.path === '$.keyspaces[0].replication.dc1'));
    // …and one that stops managing the keyspace is refused by the plan: its replicas would have nowhere to go.
    shrunk.keyspaces = [];
    const below = planClusterChange(running, planned(shrunk));
    assert.match(below.refused.find((r) => r.path === '$.datacenters[0].nodes')?.reason ?? '',
      /datacenter dc1 would keep 2 node\(s\), fewer than keyspace customers_ks's replication factor 3 there/);
    // Lowering the factor with it is a plan without refusal.
    shrunk.keyspaces = [{ name: 'customers_ks', replication: { dc1: 2, dc2: 3 } }];
    const lowered = planClusterChange(running, planned(shrunk));
    assert.deepEqual([lowered.refused, lowered.nodesRemoved.map((n) => n.node)], [[], ['demo-dc1-003']]);
  });

  it('a new datacenter and a removed one, with the keyspace replication that goes with them', () => {
    const added = planClusterChange(planned(localSpecFixture(1, 3)), planned(localSpecFixture(2, 3)));
    assert.deepEqual([added.datacentersAdded, added.nodesAdded.map((n) => n.node)], [['dc2'], ['demo-dc2-001', 'demo-dc2-002', 'demo-dc2-003']]);
    assert.deepEqual(added.replication, [{ keyspace: 'customers_ks', from: { dc1: 3 }, to: { dc1: 3, dc2: 3 } }]);
    const removed = planClusterChange(current, planned(localSpecFixture(1, 3)));
    assert.deepEqual([removed.datacentersRemoved, removed.nodesRemoved.length, removed.refused], [['dc2'], 3, []]);
    assert.deepEqual(removed.replication, [{ keyspace: 'customers_ks', from: { dc1: 3, dc2: 3 }, to: { dc1: 3 } }]);
    const stranded = changed((b) => { b.datacenters.pop(); b.keyspaces = []; });
    assert.deepEqual(stranded.keyspacesUnmanaged, ['customers_ks']);
    assert.match(stranded.refused.find((r) => r.path === '$.keyspaces')?.reason ?? '', /customers_ks replicates to datacenter dc2, which the spec removes/);
  });

  it('VPN-linked: a datacenter may join (its gateway and connections are provisioned) but not leave (its connections would be left)', () => {
    const vpn = planned(localSpecFixture(3, 3, { vpnGateway: true }));
    const twoDcs = localSpecFixture(2, 3, { vpnGateway: true });
    twoDcs.keyspaces = [{ name: 'customers_ks', replication: { dc1: 3, dc2: 3 } }];
    const leaving = planClusterChange(vpn, planned(twoDcs));
    assert.deepEqual(leaving.datacentersRemoved, ['dc3']);
    assert.ok(leaving.refused.some((r) => r.path === '$.datacenters' && /linked by VPN gateways/.test(r.reason)), JSON.stringify(leaving.refused));
    const joining = planClusterChange(planned(twoDcs), vpn);
    assert.deepEqual([joining.datacentersAdded, joining.refused.filter((r) => r.path === '$.datacenters')], [['dc3'], []]);
  });

  it('keyspaces: a new one created, a replication change, one left out no longer managed (never dropped)', () => {
    const plan = changed((b) => {
      b.keyspaces[0].replication.dc2 = 2;
      b.keyspaces.push({ name: 'orders', replication: { dc1: 3 } });
    });
    assert.deepEqual(plan.replication, [{ keyspace: 'customers_ks', from: { dc1: 3, dc2: 3 }, to: { dc1: 3, dc2: 2 } },
      { keyspace: 'orders', to: { dc1: 3 } }]);
    assert.deepEqual(changed((b) => { b.keyspaces = []; }).keyspacesUnmanaged, ['customers_ks']);
  });

  it('settings Cassandra reads at start go by rolling restart; schedules, tags and access rules in place', () => {
    const plan = changed((b) => {
      b.cluster.jvm = { maxHeapMiB: 2048 };
      b.cluster.authentication = { enabled: false };
      b.azure.tags = { team: 'data' };
      b.network.cqlAllowedCidrs = ['127.0.0.2/32'];
      b.schedules = { repair: { intensity: 0.5 } };
      b.cluster.consistencyLevel = 'QUORUM';
    });
    assert.deepEqual(plan.rollingRestart.map((c) => c.path), ['$.cluster.jvm', '$.cluster.authentication']);
    assert.deepEqual(plan.rollingRestart[0]!.to, { maxHeapMiB: 2048 });
    assert.deepEqual(plan.inPlace.map((c) => c.path), ['$.cluster.consistencyLevel', '$.azure.tags', '$.network.cqlAllowedCidrs', '$.schedules']);
    assert.deepEqual([plan.refused, plan.nodesAdded], [[], []]);
  });

  it('a newer patch release goes by rolling upgrade; an older one is refused; the series is taken in place', () => {
    const at = (version: string): Body => { const b: Body = structuredClone(localSpecFixture(2, 3)); b.cluster.cassandraVersion = version; return b; };
    const from = (version: string, to: string) => planClusterChange(planned(at(version)), planned(at(to)));
    assert.deepEqual(from('5.0.8', '5.0.9').rollingRestart, [{ path: '$.cluster.cassandraVersion', from: '5.0.8', to: '5.0.9' }]);
    assert.deepEqual(from('5.0', '5.0.9').rollingRestart.map((c) => c.path), ['$.cluster.cassandraVersion'], 'pinning a running series upgrades whatever is older');
    assert.deepEqual(from('5.0.9', '5.0.10').rollingRestart.map((c) => c.to), ['5.0.10'], 'releases order by number, not text');
    const back = from('5.0.9', '5.0.8');
    assert.deepEqual(back.refused, [{ path: '$.cluster.cassandraVersion', reason: 'the nodes run Cassandra 5.0.9; a rolling upgrade only moves to a newer release, never back' }]);
    assert.deepEqual([back.rollingRestart, back.unchanged], [[], false]);
    const unpinned = from('5.0.9', '5.0');
    assert.deepEqual([unpinned.rollingRestart, unpinned.inPlace.map((c) => c.path)], [[], ['$.cluster.cassandraVersion']]);
  });

  const refusals: [string, (b: Body) => void, string, RegExp][] = [
    ['the cluster name', (b) => { b.cluster.name = 'other'; }, '$.cluster.name', /names every Azure resource/],
    ['cassandraClusterName', (b) => { b.cluster.cassandraClusterName = 'Other Name'; }, '$.cluster.cassandraClusterName', /cluster_name/],
    ['num_tokens', (b) => { b.cluster.numTokens = 8; }, '$.cluster.numTokens', /num_tokens is fixed/],
    ['the VM size', (b) => { b.azure.vmSize = 'Standard_E16s_v5'; }, '$.azure.vmSize', /not supported yet/],
    ['the data disk', (b) => { b.azure.dataDisk = { sizeGiB: 2048 }; }, '$.azure.dataDisk', /not changed in place/],
    ['the admin user', (b) => { b.azure.adminUsername = 'ops'; }, '$.azure.adminUsername', /set when they are created/],
    ['a DC\'s region', (b) => { b.datacenters[1].region = 'northeurope'; }, '$.datacenters[1].region', /run in westus2; add a datacenter in northeurope/],
    ['a DC\'s address space', (b) => { b.datacenters[0].network.addressSpace = '127.9.0.0/16'; b.datacenters[0].network.dataSubnet = '127.9.1.0/24';
      b.datacenters[0].network.appSubnet = '127.9.2.0/24'; }, '$.datacenters[0].network', /address space and subnets cannot change/],
    ['a DC\'s racks', (b) => { b.datacenters[0].racks = 2; }, '$.datacenters[0].racks', /rack count cannot change/],
    ['a DC\'s placement', (b) => { b.datacenters[0].placement = { mode: 'availabilitySet' }; }, '$.datacenters[0].placement', /stay where they were placed/],
  ];
  for (const [what, change, path, reason] of refusals) {
    it(`refuses a change of ${what}, naming the path and why`, () => {
      const plan = changed(change);
      assert.ok(refusedPaths(plan).includes(path), JSON.stringify(plan.refused));
      assert.match(plan.refused.find((r) => r.path === path)!.reason, reason);
      assert.equal(plan.unchanged, false);
    });
  }
});
