import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArmPath } from '../../../local/arm-sim/parse-arm-path.js';

const SUB = '/subscriptions/s1';

test('ARM paths parse case-insensitively into what they address', () => {
  const cases: [string, string, unknown][] = [
    ['GET', `${SUB}/resourcegroups`, { kind: 'resourceGroups', subscriptionId: 's1' }],
    ['PUT', `${SUB}/resourceGroups/RG`, { kind: 'resourceGroup', subscriptionId: 's1', resourceGroup: 'RG' }],
    ['GET', `${SUB}/RESOURCEGROUPS/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s`,
      { kind: 'resource', subscriptionId: 's1', resourceGroup: 'rg', namespace: 'Microsoft.Network', types: ['virtualNetworks', 'subnets'], names: ['v', 's'] }],
    ['GET', `${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets`,
      { kind: 'resource', subscriptionId: 's1', resourceGroup: 'rg', namespace: 'Microsoft.Network', types: ['virtualNetworks', 'subnets'], names: ['v'] }],
    ['POST', `${SUB}/resourceGroups/rg/providers/microsoft.compute/virtualMachines/vm/runCommand`,
      { kind: 'resource', subscriptionId: 's1', resourceGroup: 'rg', namespace: 'microsoft.compute', types: ['virtualMachines'], names: ['vm'], action: 'runCommand' }],
    ['GET', `${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/instanceView`,
      { kind: 'resource', subscriptionId: 's1', resourceGroup: 'rg', namespace: 'Microsoft.Compute', types: ['virtualMachines'], names: ['vm'], action: 'instanceView' }],
    ['GET', `${SUB}/providers/Microsoft.Compute/locations/westeurope/operations/abc`,
      { kind: 'operation', subscriptionId: 's1', namespace: 'Microsoft.Compute', location: 'westeurope', operationId: 'abc', result: false }],
    ['GET', `${SUB}/providers/Microsoft.Compute/locations/westeurope/operationResults/abc`,
      { kind: 'operation', subscriptionId: 's1', namespace: 'Microsoft.Compute', location: 'westeurope', operationId: 'abc', result: true }],
    ['GET', `${SUB}/providers/Microsoft.Compute/virtualMachines`, { kind: 'subscriptionList', subscriptionId: 's1', namespace: 'Microsoft.Compute', type: 'virtualMachines' }],
    ['GET', `${SUB}/providers/Microsoft.Compute/locations/westeurope/runCommands/RunShellScript`, { kind: 'runCommandCatalog', subscriptionId: 's1', location: 'westeurope', commandId: 'RunShellScript' }],
    ['GET', '/tenants', { kind: 'unknown' }],
    ['GET', `${SUB}/resourceGroups/rg/providers/Microsoft.Network`, { kind: 'unknown' }],
  ];
  for (const [method, path, expected] of cases) assert.deepEqual(parseArmPath(path, method), expected, `${method} ${path}`);
});

test('URL-encoded names are decoded', () => {
  const parsed = parseArmPath(`${SUB}/resourceGroups/my%20rg`, 'GET');
  assert.deepEqual(parsed, { kind: 'resourceGroup', subscriptionId: 's1', resourceGroup: 'my rg' });
});
