import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FAST, LOCATION, rejectsWithCode, startTestSimulator, type TestSimulator } from './start-test-simulator.js';

// VPN gateways and VNet-to-VNet connections through the real @azure/arm-network client.
let t: TestSimulator;
const RG = 'rg-vpn';
const WEST = 'northeurope';
before(async () => {
  t = await startTestSimulator();
  await t.clients.resources.resourceGroups.createOrUpdate(RG, { location: LOCATION });
});
after(async () => { await t.dispose(); });

/** A VNet with a data subnet and a GatewaySubnet, and a Standard public IP for its gateway. */
async function site(name: string, location: string, octet: number) {
  const { network } = t.clients;
  const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, `vnet-${name}`, {
    location, addressSpace: { addressPrefixes: [`10.${octet}.0.0/16`] },
    subnets: [{ name: 'data', addressPrefix: `10.${octet}.1.0/24` }, { name: 'GatewaySubnet', addressPrefix: `10.${octet}.255.0/27` }],
  }, FAST);
  const pip = await network.publicIPAddresses.beginCreateOrUpdateAndWait(RG, `pip-${name}`, {
    location, sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static' }, FAST);
  const subnet = (n: string) => vnet.subnets!.find((s) => s.name === n)!.id!;
  return { vnet, pip, gatewaySubnet: subnet('GatewaySubnet'), dataSubnet: subnet('data') };
}

const gatewayBody = (location: string, subnetId: string, pipId: string) => ({
  location, gatewayType: 'Vpn', vpnType: 'RouteBased', sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' },
  ipConfigurations: [{ name: 'ipconfig', subnet: { id: subnetId }, publicIPAddress: { id: pipId } }],
});

const connectionBody = (location: string, from: string, to: string, sharedKey: string) => ({
  location, connectionType: 'Vnet2Vnet', sharedKey, virtualNetworkGateway1: { id: from }, virtualNetworkGateway2: { id: to },
});

test('gateways: only in a GatewaySubnet, with a public IP of their own; a connection needs both gateways provisioned', async () => {
  const { network } = t.clients;
  const east = await site('east', LOCATION, 51);
  await rejectsWithCode(network.virtualNetworkGateways.beginCreateOrUpdateAndWait(RG, 'vgw-bad', gatewayBody(LOCATION, east.dataSubnet, east.pip.id!), FAST),
    'InvalidParameter', 400);
  const started = await network.virtualNetworkGateways.beginCreateOrUpdate(RG, 'vgw-east', gatewayBody(LOCATION, east.gatewaySubnet, east.pip.id!), FAST);
  const gateway = await started.pollUntilDone();
  assert.equal(gateway.provisioningState, 'Succeeded');
  assert.equal(gateway.ipConfigurations?.[0]?.id, `${gateway.id}/ipConfigurations/ipconfig`);
  assert.equal(gateway.sku?.tier, 'VpnGw1AZ');
  await rejectsWithCode(network.virtualNetworkGateways.beginCreateOrUpdateAndWait(RG, 'vgw-twin', gatewayBody(LOCATION, east.gatewaySubnet, east.pip.id!), FAST),
    'PublicIPAddressInUse', 400);
  await rejectsWithCode(network.publicIPAddresses.beginDeleteAndWait(RG, 'pip-east', FAST), 'PublicIPAddressCannotBeDeleted', 400);
  await rejectsWithCode(network.subnets.beginDeleteAndWait(RG, 'vnet-east', 'GatewaySubnet', FAST), 'InUseSubnetCannotBeDeleted', 400);
  const missing = `${gateway.id!.slice(0, gateway.id!.lastIndexOf('/'))}/vgw-nowhere`;
  await rejectsWithCode(network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(RG, 'con-x',
    connectionBody(LOCATION, gateway.id!, missing, 'k'), FAST), 'InvalidResourceReference', 400);
});

test('VNet-to-VNet: NotConnected until the way back exists with the same key, then Connected both ways; the key is never returned', async () => {
  const { network } = t.clients;
  const east = await network.virtualNetworkGateways.get(RG, 'vgw-east');
  const west = await site('west', WEST, 52);
  const westGateway = await network.virtualNetworkGateways.beginCreateOrUpdateAndWait(RG, 'vgw-west', gatewayBody(WEST, west.gatewaySubnet, west.pip.id!), FAST);
  const there = await network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(RG, 'con-east-west',
    connectionBody(LOCATION, east.id!, westGateway.id!, 'same-secret'), FAST);
  assert.equal(there.provisioningState, 'Succeeded');
  assert.equal(there.connectionType, 'Vnet2Vnet');
  assert.equal(there.connectionStatus, 'NotConnected', 'one direction alone carries nothing');
  assert.equal(there.sharedKey, undefined, 'GET never returns the shared key');
  await network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(RG, 'con-west-east',
    connectionBody(WEST, westGateway.id!, east.id!, 'other-secret'), FAST);
  assert.equal((await network.virtualNetworkGatewayConnections.get(RG, 'con-east-west')).connectionStatus, 'NotConnected', 'keys differ');
  const back = await network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(RG, 'con-west-east',
    connectionBody(WEST, westGateway.id!, east.id!, 'same-secret'), FAST);
  assert.equal(back.connectionStatus, 'Connected');
  assert.equal((await network.virtualNetworkGatewayConnections.get(RG, 'con-east-west')).connectionStatus, 'Connected');
  await rejectsWithCode(network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(RG, 'con-wrong-region',
    connectionBody(WEST, east.id!, westGateway.id!, 'k'), FAST), 'InvalidParameter', 400);
  const log = JSON.stringify((await t.admin('GET', '/_admin/requests')).body);
  assert.ok(!log.includes('same-secret') && !log.includes('other-secret'), 'the request log never holds a shared key');
});

test('deletes: a gateway a connection uses is refused until the connections are gone', async () => {
  const { network } = t.clients;
  await rejectsWithCode(network.virtualNetworkGateways.beginDeleteAndWait(RG, 'vgw-west', FAST), 'VirtualNetworkGatewayCannotBeDeleted', 400);
  await network.virtualNetworkGatewayConnections.beginDeleteAndWait(RG, 'con-west-east', FAST);
  assert.equal((await network.virtualNetworkGatewayConnections.get(RG, 'con-east-west')).connectionStatus, 'NotConnected');
  await network.virtualNetworkGatewayConnections.beginDeleteAndWait(RG, 'con-east-west', FAST);
  await network.virtualNetworkGateways.beginDeleteAndWait(RG, 'vgw-west', FAST);
  await rejectsWithCode(network.virtualNetworkGateways.get(RG, 'vgw-west'), 'ResourceNotFound', 404);
});

test('realistic profile: a gateway takes Azure\'s tens of minutes, scaled; the PUT answers at once with Azure-AsyncOperation', async () => {
  // 30 min 40 s × 0.0005 ≈ 0.9 s: long enough to see it Updating, short enough for a test.
  const slow = await startTestSimulator({ profile: 'realistic', latencyScale: 0.0005 });
  try {
    const { network } = slow.clients;
    await slow.clients.resources.resourceGroups.createOrUpdate(RG, { location: LOCATION });
    const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-s', { location: LOCATION, addressSpace: { addressPrefixes: ['10.61.0.0/16'] },
      subnets: [{ name: 'GatewaySubnet', addressPrefix: '10.61.255.0/27' }] }, FAST);
    const pip = await network.publicIPAddresses.beginCreateOrUpdateAndWait(RG, 'pip-s', { location: LOCATION, sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static' }, FAST);
    const began = Date.now();
    const poller = await network.virtualNetworkGateways.beginCreateOrUpdate(RG, 'vgw-s', gatewayBody(LOCATION, vnet.subnets![0]!.id!, pip.id!), FAST);
    assert.match((await network.virtualNetworkGateways.get(RG, 'vgw-s')).provisioningState ?? '', /Creating|Updating/);
    await poller.pollUntilDone();
    const took = Date.now() - began;
    assert.ok(took >= 700 && took < 10_000, `took ${took} ms`);
  } finally {
    await slow.dispose();
  }
});
