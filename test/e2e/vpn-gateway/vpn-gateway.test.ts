import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { hasEnded, useE2eStack, type ClusterDetailBody } from '../support/e2e-stack.js';
import { e2eSpec } from '../support/e2e-specs.js';
import { ringView, withSession } from '../support/cluster-checks.js';

// Two one-node DCs linked by VPN gateways instead of peering: deployed, checked across the link,
// and deleted. Kept small (one Cassandra node a DC) because what it adds is the link, not the ring.
const NAME = 'evpn';
const DC1 = '127.1.72.4';
const DC2 = '127.2.72.4';

function vpnSpec(): Record<string, unknown> {
  const spec = e2eSpec(NAME, 2, { subnetOctet: 72, keyspaceRf: 1 }) as {
    datacenters: { racks: number; nodes: number; network: Record<string, string> }[]; network: Record<string, unknown> };
  spec.datacenters.forEach((dc, i) => {
    dc.racks = 1;
    dc.nodes = 1;
    dc.network.gatewaySubnet = `127.${i + 1}.255.0/27`;
  });
  spec.network = { ...spec.network, interRegionLink: 'vpnGateway' };
  return spec;
}

describe('two DCs linked by VPN gateways on the local stack', { timeout: 600_000 }, () => {
  const t = useE2eStack({ appSettings: { HEALTH_CHECK_SCHEDULE: '0 0 0 1 1 *' } });
  const sharedKey = () => (JSON.parse(readFileSync(join(t.stateDir, 'secrets', 'secrets.json'), 'utf8')) as Record<string, string>)[`${NAME}-vpn-shared-key`];

  it('deploys with a gateway in each DC\'s GatewaySubnet and a Connected VNet-to-VNet connection each way, no peering', async () => {
    const cluster: ClusterDetailBody = await t.deploy(vpnSpec() as { cluster: { name: string } });
    assert.equal(cluster.state, 'Ready');
    const gateways = t.resourcesOf(NAME, 'Microsoft.Network/virtualNetworkGateways');
    assert.deepEqual(gateways.map((g) => [g.name, (g.properties as { provisioningState: string }).provisioningState]).sort(),
      [['vgw-evpn-dc1', 'Succeeded'], ['vgw-evpn-dc2', 'Succeeded']]);
    for (const g of gateways) {
      const subnet = (g.properties as { ipConfigurations: { properties: { subnet: { id: string } } }[] }).ipConfigurations[0]!.properties.subnet.id;
      assert.match(subnet, /\/subnets\/GatewaySubnet$/);
    }
    // Read as ARM answers (connectionStatus is computed), by the tool principal: not the app's calls.
    const { network } = t.armClients();
    const connections = await Promise.all(t.resourcesOf(NAME, 'Microsoft.Network/connections')
      .map((c) => network.virtualNetworkGatewayConnections.get(String(c.id).split('/')[4]!, c.name)));
    assert.deepEqual(connections.map((c) => [c.name, c.connectionType, c.connectionStatus]).sort(),
      [['con-evpn-dc1-to-dc2', 'Vnet2Vnet', 'Connected'], ['con-evpn-dc2-to-dc1', 'Vnet2Vnet', 'Connected']]);
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings').length, 0);
  });

  it('shows both nodes UN in their DCs across the link', async () => {
    const password = t.superuserPassword(NAME);
    const ring = await withSession([DC1], 'dc1', { username: 'autopilot_admin', password }, ringView);
    assert.deepEqual([...ring.entries()].sort(), [[DC1, { dc: 'dc1', rack: 'rack1', up: true }], [DC2, { dc: 'dc2', rack: 'rack1', up: true }]]);
  });

  it('keeps the shared key in the secret store only: not in tables, not in the host\'s log, not in ARM\'s answers', async () => {
    const key = sharedKey();
    assert.ok(key && key.length >= 32, 'the key was generated and stored');
    const service = TableServiceClient.fromConnectionString(t.stack.azurite.connectionString, { allowInsecureConnection: true });
    for await (const table of service.listTables()) {
      const client = TableClient.fromConnectionString(t.stack.azurite.connectionString, table.name ?? '', { allowInsecureConnection: true });
      for await (const entity of client.listEntities()) assert.equal(JSON.stringify(entity).includes(key), false, `table ${table.name}`);
    }
    assert.equal(t.stack.host.logs().join('\n').includes(key), false);
    assert.equal(JSON.stringify(t.resourcesOf(NAME)).includes(key), false);
  });

  it('deletes the connections, then the groups with the gateways, and the key', async () => {
    const res = await t.api('DELETE', `/api/clusters/${NAME}?confirm=${NAME}`);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const op = await t.waitForOperation((res.body as { operationId: string }).operationId, hasEnded, 120_000);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual(op.steps.map((s) => s.name), ['links', 'resources', 'secrets']);
    for (const type of ['Microsoft.Network/connections', 'Microsoft.Network/virtualNetworkGateways', 'Microsoft.Network/publicIPAddresses']) {
      assert.deepEqual(t.resourcesOf(NAME, type), [], type);
    }
    assert.equal(sharedKey(), undefined);
  });
});
