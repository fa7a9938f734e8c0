import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deploymentPlanFixture } from '../../../support/deployment-plan-fixture.js';

describe('toDeploymentPlan: the link between regions', () => {
  const cases = [
    { name: 'peering: peerings both ways, no gateways', dcs: 2, vpnGateway: false, peerings: 2, gateways: undefined, connections: undefined },
    { name: 'VPN: a gateway per DC and a connection each way, no peerings', dcs: 2, vpnGateway: true, peerings: 0, gateways: 2, connections: 2 },
    { name: 'VPN, three DCs: six connections (both ways per pair)', dcs: 3, vpnGateway: true, peerings: 0, gateways: 3, connections: 6 },
    { name: 'VPN, one DC: its gateway (a later DC connects to it), no connection', dcs: 1, vpnGateway: true, peerings: 0, gateways: 1, connections: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = deploymentPlanFixture(c.dcs, 1, { vpnGateway: c.vpnGateway });
      assert.equal(plan.peerings.length, c.peerings);
      assert.equal(plan.vpnGateways?.length, c.gateways);
      assert.equal(plan.vpnConnections?.length, c.connections);
    });
  }

  it('places each gateway in its DC\'s GatewaySubnet and group, with its public IP, and pairs connections by gateway', () => {
    const plan = deploymentPlanFixture(2, 1, { vpnGateway: true });
    assert.deepEqual(plan.vpnGateways?.[0], { dc: 'dc1', name: 'vgw-demo-dc1', publicIpName: 'pip-vgw-demo-dc1', ipConfigName: 'vgw-ipconfig',
      sku: 'VpnGw1AZ', resourceGroup: 'rg-demo-dc1', location: 'eastus', vnetName: 'vnet-demo-dc1', subnetName: 'GatewaySubnet' });
    assert.ok(plan.datacenters.every((dc) => dc.subnets.some((s) => s.name === 'GatewaySubnet')), 'the VNet PUT carries the GatewaySubnet');
    assert.deepEqual(plan.vpnConnections?.map((c) => [c.name, c.resourceGroup, c.gatewayName, c.remoteResourceGroup, c.remoteGatewayName]), [
      ['con-demo-dc1-to-dc2', 'rg-demo-dc1', 'vgw-demo-dc1', 'rg-demo-dc2', 'vgw-demo-dc2'],
      ['con-demo-dc2-to-dc1', 'rg-demo-dc2', 'vgw-demo-dc2', 'rg-demo-dc1', 'vgw-demo-dc1'],
    ]);
    assert.ok(!JSON.stringify(plan).toLowerCase().includes('sharedkey'), 'the shared key is a secret, never in the plan');
  });
});
