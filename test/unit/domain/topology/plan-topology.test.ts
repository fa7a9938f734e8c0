import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateClusterSpec } from '../../../../shared/domain/spec/validate-cluster-spec.js';
import { planTopology, type ClusterPlan, type NsgRulePlan } from '../../../../shared/domain/topology/plan-topology.js';
import { azureSpec, localSpec, readExample, type SpecInput } from '../spec-fixtures.js';

function plan(input: unknown, target: 'local' | 'azure'): ClusterPlan {
  const result = validateClusterSpec(input, { target });
  assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.issues));
  return planTopology(result.spec);
}

function dataRules(p: ClusterPlan, dc = 0): NsgRulePlan[] {
  return p.datacenters[dc]!.nsgs.find((nsg) => nsg.subnet === 'data')!.rules;
}

/** The rules that would decide traffic to a port from a source, in priority order (first match wins). */
function firstMatch(rules: NsgRulePlan[], source: string, port: number): NsgRulePlan | undefined {
  const portMatches = (range: string) => range === '*' || (range.includes('-') ? (([a, b]) => port >= a! && port <= b!)(range.split('-').map(Number)) : Number(range) === port);
  return [...rules].sort((a, b) => a.priority - b.priority)
    .find((rule) => (rule.sourceAddressPrefixes.includes(source) || rule.sourceAddressPrefixes.includes('*')) && rule.destinationPortRanges.some(portMatches));
}

describe('planTopology', () => {
  it('plans the Azure two-region example as the classic design: 8 nodes, 4 racks, 3 seeds per region', () => {
    const p = plan(readExample('azure-two-region.json'), 'azure');
    assert.equal(p.datacenters.length, 2);
    for (const dc of p.datacenters) {
      assert.equal(dc.nodes.length, 8);
      assert.deepEqual(dc.racks, ['rack1', 'rack2', 'rack3', 'rack4']);
      assert.equal(dc.seeds.length, 3);
      assert.ok(dc.loadBalancer);
    }
    const east = p.datacenters[0]!;
    assert.equal(east.resourceGroup, 'rg-orders-east');
    assert.equal(east.vnet.name, 'vnet-orders-east');
    assert.deepEqual(east.nodes.slice(0, 2).map((n) => [n.name, n.vmName, n.privateIp, n.rack, n.zone]), [
      ['orders-east-001', 'vm-orders-east-001', '10.10.1.4', 'rack1', '1'],
      ['orders-east-002', 'vm-orders-east-002', '10.10.1.5', 'rack2', '2'],
    ]);
    assert.equal(east.loadBalancer!.frontendIp, '10.10.1.254');
    assert.deepEqual(p.joinOrder.slice(0, 6), ['orders-east-001', 'orders-east-002', 'orders-east-003', 'orders-west-001', 'orders-west-002', 'orders-west-003']);
    assert.equal(p.joinOrder[6], 'orders-east-004');
    assert.equal(p.cassandraClusterName, 'Orders Cluster');
    assert.equal(p.warnings.length, 2, 'rack4 shares a zone with rack1 in both regions');
    assert.deepEqual(p.systemKeyspaces.map((k) => k.replication), [{ east: 3, west: 3 }, { east: 3, west: 3 }, { east: 3, west: 3 }]);
  });

  it('keeps the data subnet closed: CQL only from app subnets and allowed CIDRs, 7000 only between data subnets, JMX never', () => {
    const input: SpecInput = azureSpec();
    input.network = { cqlAllowedCidrs: ['192.168.50.0/24'] };
    const rules = dataRules(plan(input, 'azure'));
    assert.equal(firstMatch(rules, 'Internet', 9042)?.access, 'Deny');
    assert.equal(firstMatch(rules, 'Internet', 22)?.access, 'Deny');
    assert.equal(firstMatch(rules, '10.1.2.0/24', 9042)?.access, 'Allow');
    assert.equal(firstMatch(rules, '10.2.2.0/24', 9042)?.access, 'Allow');
    assert.equal(firstMatch(rules, '192.168.50.0/24', 9042)?.access, 'Allow');
    assert.equal(firstMatch(rules, '192.168.50.0/24', 7000)?.access, 'Deny');
    assert.equal(firstMatch(rules, '10.2.1.0/24', 7000)?.access, 'Allow');
    assert.equal(firstMatch(rules, '10.2.1.0/24', 7001)?.access, 'Allow');
    assert.equal(firstMatch(rules, '10.1.2.0/24', 7000)?.access, 'Deny');
    assert.equal(firstMatch(rules, '10.2.1.0/24', 7199)?.access, 'Deny');
    assert.equal(firstMatch(rules, 'VirtualNetwork', 22)?.access, 'Deny');
    assert.equal(new Set(rules.map((r) => r.priority)).size, rules.length, 'priorities are unique');
  });

  it('opens SSH only to the CIDRs the spec allows', () => {
    const input = azureSpec();
    input.azure.sshAllowedCidrs = ['203.0.113.0/24'];
    const rules = dataRules(plan(input, 'azure'));
    assert.equal(firstMatch(rules, '203.0.113.0/24', 22)?.access, 'Allow');
    assert.equal(firstMatch(rules, 'Internet', 22)?.access, 'Deny');
  });

  it('maps racks to fault domains in an availability set', () => {
    const input = localSpec();
    input.datacenters[0]!.placement = { mode: 'availabilitySet', faultDomains: 2 };
    const dc = plan(input, 'local').datacenters[0]!;
    assert.equal(dc.placement.mode, 'availabilitySet');
    assert.deepEqual(dc.nodes.map((n) => [n.rack, n.faultDomain, n.zone]), [['rack1', 0, undefined], ['rack2', 1, undefined], ['rack3', 0, undefined]]);
  });

  it('links regions by VPN gateways in both directions instead of peering when asked', () => {
    const input = localSpec();
    input.network = { interRegionLink: 'vpnGateway' };
    input.datacenters[0]!.network.gatewaySubnet = '127.1.255.0/27';
    input.datacenters[1]!.network.gatewaySubnet = '127.2.255.0/27';
    const p = plan(input, 'local');
    assert.deepEqual(p.peerings, []);
    assert.deepEqual(p.vpnConnections.map((c) => c.name), ['con-demo-dc1-to-dc2', 'con-demo-dc2-to-dc1']);
    assert.equal(p.datacenters[0]!.subnets.gateway?.name, 'GatewaySubnet');
  });

  it('uses one shared resource group when the spec names one', () => {
    const input = localSpec();
    input.azure.resourceGroup = 'rg-shared';
    assert.deepEqual(plan(input, 'local').datacenters.map((dc) => dc.resourceGroup), ['rg-shared', 'rg-shared']);
  });

  it('plans a one-node DC with a single seed', () => {
    const input = localSpec();
    input.datacenters = [{ ...input.datacenters[0]!, nodes: 1, racks: 1 }];
    input.keyspaces = [];
    const p = plan(input, 'local');
    assert.deepEqual(p.joinOrder, ['demo-dc1-001']);
    assert.equal(p.datacenters[0]!.nodes[0]!.isSeed, true);
    assert.deepEqual(p.peerings, []);
  });
});
