import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { armId, FAST, LOCATION, rejectsWithCode, startTestSimulator, vmBody, type TestSimulator } from './start-test-simulator.js';

let t: TestSimulator;
const RG = 'rg-net';
before(async () => {
  t = await startTestSimulator();
  await t.clients.resources.resourceGroups.createOrUpdate(RG, { location: LOCATION });
});
after(async () => { await t.dispose(); });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

test('VNets: inline and child subnets, lists, tag updates, case-insensitive names, prefix checks', async () => {
  const { network } = t.clients;
  await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-a', {
    location: LOCATION, addressSpace: { addressPrefixes: ['10.10.0.0/16'] }, subnets: [{ name: 'one', addressPrefix: '10.10.1.0/24' }],
  }, FAST);
  const two = await network.subnets.beginCreateOrUpdateAndWait(RG, 'vnet-a', 'two', { addressPrefix: '10.10.2.0/24' }, FAST);
  assert.equal(two.provisioningState, 'Succeeded');
  assert.deepEqual((await collect(network.subnets.list(RG, 'vnet-a'))).map((s) => s.name).sort(), ['one', 'two']);
  const upper = await network.virtualNetworks.get(RG.toUpperCase(), 'VNET-A');
  assert.equal(upper.name, 'vnet-a');
  assert.equal(upper.subnets?.length, 2);
  const tagged = await network.virtualNetworks.updateTags(RG, 'vnet-a', { tags: { owner: 'ops' } });
  assert.deepEqual(tagged.tags, { owner: 'ops' });
  assert.equal((await collect(network.virtualNetworks.list(RG))).length, 1);
  await rejectsWithCode(network.subnets.beginCreateOrUpdateAndWait(RG, 'vnet-a', 'outside', { addressPrefix: '10.99.0.0/24' }, FAST), 'NetcfgInvalidSubnet', 400);
  await rejectsWithCode(network.subnets.beginCreateOrUpdateAndWait(RG, 'vnet-a', 'overlap', { addressPrefix: '10.10.1.128/25' }, FAST), 'NetcfgInvalidSubnet', 400);
  await rejectsWithCode(network.subnets.beginCreateOrUpdateAndWait(RG, 'vnet-a', 'bad', { addressPrefix: '10.10.300.0/24' }, FAST), 'InvalidParameter', 400);
  await rejectsWithCode(network.virtualNetworks.get(RG, 'missing'), 'ResourceNotFound', 404);
  await rejectsWithCode(network.virtualNetworks.get('no-such-rg', 'vnet-a'), 'ResourceGroupNotFound', 404);
  await rejectsWithCode(network.subnets.beginCreateOrUpdateAndWait(RG, 'missing', 's', { addressPrefix: '10.0.0.0/24' }, FAST), 'ResourceNotFound', 404);
});

test('NICs: dynamic and static addresses, conflicts, references, and deletes that respect dependencies', async () => {
  const { network, compute } = t.clients;
  const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-b', {
    location: LOCATION, addressSpace: { addressPrefixes: ['10.20.0.0/16'] }, subnets: [{ name: 'nodes', addressPrefix: '10.20.1.0/24' }],
  }, FAST);
  const subnet = { id: vnet.subnets![0]!.id };
  const nic = (name: string, ip?: string) => network.networkInterfaces.beginCreateOrUpdateAndWait(RG, name, {
    location: LOCATION, ipConfigurations: [{ name: 'ipconfig1', subnet, ...(ip ? { privateIPAllocationMethod: 'Static', privateIPAddress: ip } : {}) }],
  }, FAST);
  const first = await nic('nic-1');
  const pinned = await nic('nic-pinned', '10.20.1.50');
  const second = await nic('nic-2');
  assert.equal(first.ipConfigurations?.[0]?.privateIPAddress, '10.20.1.4');
  assert.equal(pinned.ipConfigurations?.[0]?.privateIPAllocationMethod, 'Static');
  assert.equal(second.ipConfigurations?.[0]?.privateIPAddress, '10.20.1.5');
  assert.equal((await nic('nic-1')).ipConfigurations?.[0]?.privateIPAddress, '10.20.1.4', 'a re-PUT keeps the dynamic address');
  await rejectsWithCode(nic('nic-3', '10.20.1.50'), 'PrivateIPAddressInUse', 400);
  await rejectsWithCode(nic('nic-3', '10.21.0.9'), 'PrivateIPAddressNotInSubnet', 400);
  await rejectsWithCode(network.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'nic-x', {
    location: LOCATION, ipConfigurations: [{ name: 'c', subnet: { id: armId(RG, 'Microsoft.Network/virtualNetworks/subnets', 'vnet-b', 'nope') } }],
  }, FAST), 'InvalidResourceReference', 400);
  const subnetView = await network.subnets.get(RG, 'vnet-b', 'nodes');
  assert.equal(subnetView.ipConfigurations?.length, 3);
  await rejectsWithCode(network.subnets.beginDeleteAndWait(RG, 'vnet-b', 'nodes', FAST), 'InUseSubnetCannotBeDeleted', 400);
  await rejectsWithCode(network.virtualNetworks.beginDeleteAndWait(RG, 'vnet-b', FAST), 'InUseSubnetCannotBeDeleted', 400);
  await compute.virtualMachines.createOrUpdate(RG, 'vm-nic', vmBody([first.id!]), FAST);
  assert.equal((await network.networkInterfaces.get(RG, 'nic-1')).virtualMachine?.id?.toLowerCase(), armId(RG, 'Microsoft.Compute/virtualMachines', 'vm-nic').toLowerCase());
  await rejectsWithCode(network.networkInterfaces.beginDeleteAndWait(RG, 'nic-1', FAST), 'NicInUse', 400);
  await network.networkInterfaces.beginDeleteAndWait(RG, 'nic-2', FAST);
  await rejectsWithCode(network.networkInterfaces.get(RG, 'nic-2'), 'ResourceNotFound', 404);
  await network.networkInterfaces.beginDeleteAndWait(RG, 'nic-2', FAST); // deleting what is gone is a quiet 204
  assert.equal((await nic('nic-4')).ipConfigurations?.[0]?.privateIPAddress, '10.20.1.5', 'a freed address is reused');
});

test('NSGs with inline and child rules, and a subnet that uses one', async () => {
  const { network } = t.clients;
  const nsg = await network.networkSecurityGroups.beginCreateOrUpdateAndWait(RG, 'nsg-1', {
    location: LOCATION,
    securityRules: [{ name: 'cql', protocol: 'Tcp', access: 'Allow', direction: 'Inbound', priority: 100, sourcePortRange: '*', destinationPortRange: '9042', sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: '*' }],
  }, FAST);
  assert.equal(nsg.securityRules?.[0]?.name, 'cql');
  assert.ok((nsg.defaultSecurityRules?.length ?? 0) >= 6);
  const rule = await network.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg-1', 'gossip', {
    protocol: 'Tcp', access: 'Allow', direction: 'Inbound', priority: 110, sourcePortRange: '*', destinationPortRange: '7000', sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: '*',
  }, FAST);
  assert.equal(rule.priority, 110);
  await rejectsWithCode(network.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg-1', 'clash', {
    protocol: 'Tcp', access: 'Deny', direction: 'Inbound', priority: 110, sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*',
  }, FAST), 'SecurityRuleConflict', 400);
  await rejectsWithCode(network.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg-1', 'bad', {
    protocol: 'Tcp', access: 'Allow', direction: 'Inbound', priority: 5, sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*',
  }, FAST), 'InvalidRequestContent', 400);
  assert.equal((await collect(network.securityRules.list(RG, 'nsg-1'))).length, 2);
  await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-nsg', {
    location: LOCATION, addressSpace: { addressPrefixes: ['10.30.0.0/16'] }, subnets: [{ name: 's', addressPrefix: '10.30.0.0/24', networkSecurityGroup: { id: nsg.id } }],
  }, FAST);
  await rejectsWithCode(network.networkSecurityGroups.beginDeleteAndWait(RG, 'nsg-1', FAST), 'InUseNetworkSecurityGroupCannotBeDeleted', 400);
  await network.virtualNetworks.beginDeleteAndWait(RG, 'vnet-nsg', FAST);
  await network.securityRules.beginDeleteAndWait(RG, 'nsg-1', 'gossip', FAST);
  await network.networkSecurityGroups.beginDeleteAndWait(RG, 'nsg-1', FAST);
  await rejectsWithCode(network.networkSecurityGroups.get(RG, 'nsg-1'), 'ResourceNotFound', 404);
});

test('peerings move from Initiated to Connected when both sides exist, and overlapping spaces are refused', async () => {
  const { network } = t.clients;
  const east = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-east', { location: LOCATION, addressSpace: { addressPrefixes: ['10.41.0.0/16'] } }, FAST);
  const west = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-west', { location: 'northeurope', addressSpace: { addressPrefixes: ['10.42.0.0/16'] } }, FAST);
  const twin = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-twin', { location: LOCATION, addressSpace: { addressPrefixes: ['10.41.128.0/17'] } }, FAST);
  const there = await network.virtualNetworkPeerings.beginCreateOrUpdateAndWait(RG, 'vnet-east', 'to-west', { remoteVirtualNetwork: { id: west.id }, allowVirtualNetworkAccess: true }, FAST);
  assert.equal(there.peeringState, 'Initiated');
  const back = await network.virtualNetworkPeerings.beginCreateOrUpdateAndWait(RG, 'vnet-west', 'to-east', { remoteVirtualNetwork: { id: east.id } }, FAST);
  assert.equal(back.peeringState, 'Connected');
  assert.equal((await network.virtualNetworkPeerings.get(RG, 'vnet-east', 'to-west')).peeringState, 'Connected');
  assert.deepEqual((await network.virtualNetworks.get(RG, 'vnet-east')).virtualNetworkPeerings?.map((p) => p.name), ['to-west']);
  await rejectsWithCode(network.virtualNetworkPeerings.beginCreateOrUpdateAndWait(RG, 'vnet-east', 'to-twin', { remoteVirtualNetwork: { id: twin.id } }, FAST), 'VnetAddressSpacesOverlap', 400);
  await network.virtualNetworkPeerings.beginDeleteAndWait(RG, 'vnet-west', 'to-east', FAST);
  assert.equal((await network.virtualNetworkPeerings.get(RG, 'vnet-east', 'to-west')).peeringState, 'Initiated');
});

test('internal load balancers and public IP addresses', async () => {
  const { network } = t.clients;
  const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-lb', {
    location: LOCATION, addressSpace: { addressPrefixes: ['10.50.0.0/16'] }, subnets: [{ name: 'front', addressPrefix: '10.50.0.0/24' }],
  }, FAST);
  const lb = await network.loadBalancers.beginCreateOrUpdateAndWait(RG, 'ilb', {
    location: LOCATION, sku: { name: 'Standard' },
    frontendIPConfigurations: [{ name: 'fe', subnet: { id: vnet.subnets![0]!.id }, privateIPAllocationMethod: 'Static', privateIPAddress: '10.50.0.10' }],
    backendAddressPools: [{ name: 'nodes' }],
  }, FAST);
  assert.equal(lb.frontendIPConfigurations?.[0]?.privateIPAddress, '10.50.0.10');
  assert.match(lb.backendAddressPools?.[0]?.id ?? '', /loadBalancers\/ilb\/backendAddressPools\/nodes$/);
  await rejectsWithCode(network.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'nic-lb', {
    location: LOCATION, ipConfigurations: [{ name: 'c', subnet: { id: vnet.subnets![0]!.id }, privateIPAllocationMethod: 'Static', privateIPAddress: '10.50.0.10' }],
  }, FAST), 'PrivateIPAddressInUse', 400);
  const pip = await network.publicIPAddresses.beginCreateOrUpdateAndWait(RG, 'pip-1', { location: LOCATION, sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static' }, FAST);
  assert.match(pip.ipAddress ?? '', /^127\.255\./, 'public addresses stand in on loopback');
  await rejectsWithCode(network.publicIPAddresses.beginCreateOrUpdateAndWait(RG, 'pip-2', { location: LOCATION, sku: { name: 'Standard' }, publicIPAllocationMethod: 'Dynamic' }, FAST), 'InvalidParameter', 400);
  await network.loadBalancers.beginDeleteAndWait(RG, 'ilb', FAST);
  await network.publicIPAddresses.beginDeleteAndWait(RG, 'pip-1', FAST);
  await rejectsWithCode(network.loadBalancers.get(RG, 'ilb'), 'ResourceNotFound', 404);
});
