import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cidrContainsAddress, mustParseIpv4Cidr, offsetOf, addressCount } from '../../../../shared/domain/net/ipv4-cidr.js';
import type { ClusterSpec } from '../../../../shared/domain/spec/cluster-spec-schema.js';
import { validateClusterSpec } from '../../../../shared/domain/spec/validate-cluster-spec.js';
import { planTopology, type ClusterPlan } from '../../../../shared/domain/topology/plan-topology.js';

const RUNS = { numRuns: 150 };

const dcArb = fc.record({
  nodes: fc.integer({ min: 1, max: 40 }),
  rackShare: fc.double({ min: 0, max: 1, noNaN: true }),
  seeds: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  mode: fc.constantFrom('zones', 'availabilitySet'),
  zones: fc.shuffledSubarray(['1', '2', '3'], { minLength: 1 }),
  prefix: fc.constantFrom(24, 25, 26),
});

const specArb = fc.record({
  dcs: fc.array(dcArb, { minLength: 1, maxLength: 4 }),
  internalLoadBalancer: fc.boolean(),
  target: fc.constantFrom('local', 'azure'),
}).map(({ dcs, internalLoadBalancer, target }) => {
  const first = target === 'local' ? 127 : 10;
  return {
    target: target as 'local' | 'azure',
    input: {
      cluster: { name: 'prop' },
      azure: { subscriptionId: '00000000-0000-0000-0000-000000000000', sshPublicKey: 'ssh-ed25519 AAAAtest x' },
      network: { internalLoadBalancer },
      datacenters: dcs.map((dc, i) => {
        const room = 2 ** (32 - dc.prefix) - 5 - (internalLoadBalancer ? 1 : 0);
        const nodes = Math.min(dc.nodes, room);
        const racks = Math.max(1, Math.ceil(dc.rackShare * Math.min(nodes, 6)));
        return {
          name: `dc${i + 1}`,
          region: 'eastus',
          nodes,
          racks,
          ...(dc.seeds === undefined ? {} : { seeds: Math.min(dc.seeds, racks) }),
          placement: { mode: dc.mode, zones: dc.zones },
          network: { addressSpace: `${first}.${i + 1}.0.0/16`, dataSubnet: `${first}.${i + 1}.1.0/${dc.prefix}`, appSubnet: `${first}.${i + 1}.2.0/24` },
        };
      }),
    },
  };
});

function validSpec(input: unknown, target: 'local' | 'azure'): ClusterSpec {
  const result = validateClusterSpec(input, { target });
  assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.issues));
  return result.spec;
}

function allNodes(plan: ClusterPlan) {
  return plan.datacenters.flatMap((dc) => dc.nodes);
}

function assertUnique(values: string[], what: string): void {
  assert.equal(new Set(values).size, values.length, `duplicate ${what}`);
}

describe('planTopology invariants (property-based)', () => {
  it('gives unique names and IPs, inside their subnet and outside Azure\'s reserved five', () => {
    fc.assert(fc.property(specArb, ({ input, target }) => {
      const plan = planTopology(validSpec(input, target));
      const nodes = allNodes(plan);
      for (const key of ['name', 'vmName', 'nicName', 'osDiskName', 'dataDiskName', 'privateIp'] as const) {
        assertUnique(nodes.map((node) => node[key]), key);
      }
      for (const dc of plan.datacenters) {
        const subnet = mustParseIpv4Cidr(dc.subnets.data.addressPrefix);
        for (const node of dc.nodes) {
          assert.ok(cidrContainsAddress(subnet, node.privateIp));
          const offset = offsetOf(subnet, node.privateIp);
          assert.ok(offset >= 4 && offset <= addressCount(subnet) - 2, `${node.privateIp} is reserved`);
          assert.notEqual(node.privateIp, dc.loadBalancer?.frontendIp);
        }
      }
    }), RUNS);
  });

  it('picks one to three seeds per DC, each on a distinct rack, and spreads racks evenly', () => {
    fc.assert(fc.property(specArb, ({ input, target }) => {
      for (const dc of planTopology(validSpec(input, target)).datacenters) {
        const seeds = dc.nodes.filter((node) => node.isSeed);
        assert.ok(seeds.length >= 1 && seeds.length <= 3);
        assert.equal(new Set(seeds.map((node) => node.rack)).size, seeds.length);
        assert.deepEqual(seeds.map((node) => node.name), dc.seeds);
        const perRack = dc.racks.map((rack) => dc.nodes.filter((node) => node.rack === rack).length);
        assert.ok(Math.max(...perRack) - Math.min(...perRack) <= 1);
      }
    }), RUNS);
  });

  it('peers every pair of DCs in both directions', () => {
    fc.assert(fc.property(specArb, ({ input, target }) => {
      const plan = planTopology(validSpec(input, target));
      const names = plan.datacenters.map((dc) => dc.name);
      const pairs = new Set(plan.peerings.map((p) => `${p.fromDc}>${p.toDc}`));
      assert.equal(plan.peerings.length, names.length * (names.length - 1));
      for (const a of names) for (const b of names) if (a !== b) assert.ok(pairs.has(`${a}>${b}`));
    }), RUNS);
  });

  it('orders joins with every seed first and agrees with each node\'s joinOrder', () => {
    fc.assert(fc.property(specArb, ({ input, target }) => {
      const plan = planTopology(validSpec(input, target));
      const nodes = allNodes(plan);
      assert.deepEqual([...plan.joinOrder].sort(), nodes.map((node) => node.name).sort());
      const byName = new Map(nodes.map((node) => [node.name, node]));
      const flags = plan.joinOrder.map((name) => byName.get(name)!.isSeed);
      assert.equal(flags.indexOf(false) === -1 ? flags.length : flags.indexOf(false), flags.filter(Boolean).length);
      plan.joinOrder.forEach((name, i) => assert.equal(byName.get(name)!.joinOrder, i));
    }), RUNS);
  });

  it('is deterministic and survives a JSON round trip', () => {
    fc.assert(fc.property(specArb, ({ input, target }) => {
      const spec = validSpec(input, target);
      const plan = planTopology(spec);
      assert.deepEqual(planTopology(structuredClone(spec)), plan);
      assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan);
    }), RUNS);
  });

  it('never renames or re-addresses existing nodes when nodes are added', () => {
    fc.assert(fc.property(specArb, fc.nat({ max: 30 }), fc.nat(), ({ input, target }, extra, pick) => {
      const before = planTopology(validSpec(input, target));
      const grown = structuredClone(input);
      const dc = grown.datacenters[pick % grown.datacenters.length]!;
      const room = 2 ** (32 - Number(dc.network.dataSubnet.split('/')[1])) - 5 - (grown.network.internalLoadBalancer ? 1 : 0);
      dc.nodes = Math.min(dc.nodes + extra, room);
      const after = new Map(allNodes(planTopology(validSpec(grown, target))).map((node) => [node.name, node]));
      for (const node of allNodes(before)) {
        const same = after.get(node.name);
        assert.ok(same, `${node.name} disappeared`);
        assert.deepEqual({ ...same, joinOrder: 0 }, { ...node, joinOrder: 0 });
      }
    }), RUNS);
  });
});
