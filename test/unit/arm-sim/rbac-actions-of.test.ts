import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rbacActionsOf } from '../../../local/arm-sim/rbac-actions-of.js';
import { rbacActionsOfRun } from '../../../local/arm-sim/rbac-actions-of-run.js';

const SUB = '/subscriptions/s1';
const RG = `${SUB}/resourceGroups/rg1`;
const NET = `${RG}/providers/Microsoft.Network`;
const VM = `${RG}/providers/Microsoft.Compute/virtualMachines/vm1`;

describe('rbacActionsOf', () => {
  it('names the action of each verb on each kind of path the simulator logs', () => {
    const cases: [string, string, string[]][] = [
      ['GET', `${SUB}/resourcegroups/rg1`, ['Microsoft.Resources/subscriptions/resourceGroups/read']],
      ['HEAD', `${SUB}/resourceGroups/rg1`, ['Microsoft.Resources/subscriptions/resourceGroups/read']],
      ['PUT', `${SUB}/resourcegroups/rg1`, ['Microsoft.Resources/subscriptions/resourceGroups/write']],
      ['DELETE', `${SUB}/resourcegroups/rg1`, ['Microsoft.Resources/subscriptions/resourceGroups/delete']],
      ['GET', `${SUB}/resourcegroups`, ['Microsoft.Resources/subscriptions/resourceGroups/read']],
      ['PUT', `${NET}/networkSecurityGroups/nsg1`, ['Microsoft.Network/networkSecurityGroups/write']],
      ['PATCH', `${NET}/virtualNetworks/v1`, ['Microsoft.Network/virtualNetworks/write']],
      ['GET', `${NET}/virtualNetworks/v1/virtualNetworkPeerings/p1`, ['Microsoft.Network/virtualNetworks/virtualNetworkPeerings/read']],
      ['GET', `${NET}/virtualNetworks/v1/subnets`, ['Microsoft.Network/virtualNetworks/subnets/read']],
      ['DELETE', `${VM}/runCommands/job1`, ['Microsoft.Compute/virtualMachines/runCommands/delete']],
      ['POST', `${VM}/runCommand`, ['Microsoft.Compute/virtualMachines/runCommand/action']],
      ['POST', `${VM}/powerOff`, ['Microsoft.Compute/virtualMachines/powerOff/action']],
      ['GET', `${VM}/instanceView`, ['Microsoft.Compute/virtualMachines/instanceView/read']],
      ['GET', `${SUB}/providers/Microsoft.Network/locations/eastus/operations/op1`, ['Microsoft.Network/locations/operations/read']],
      ['GET', `${SUB}/providers/Microsoft.Network/locations/eastus/operationResults/op1`, ['Microsoft.Network/locations/operationResults/read']],
      ['GET', `${SUB}/providers/Microsoft.Compute/locations/eastus/operations/op1`, ['Microsoft.Compute/locations/operations/read']],
      // Compute's result URL is its status URL in Azure; the simulator's differs.
      ['GET', `${SUB}/providers/Microsoft.Compute/locations/eastus/operationResults/op1`, ['Microsoft.Compute/locations/operations/read']],
      ['GET', `${SUB}/providers/Microsoft.Resources/locations/eastus/operationResults/op1`, ['Microsoft.Resources/subscriptions/operationresults/read']],
      ['GET', `${SUB}/providers/Microsoft.Compute/virtualMachines`, ['Microsoft.Compute/virtualMachines/read']],
      ['GET', `${SUB}/providers/Microsoft.Compute/locations/eastus/runCommands`, ['Microsoft.Compute/locations/runCommands/read']],
    ];
    for (const [method, path, actions] of cases) assert.deepEqual(rbacActionsOf({ method, path }), { actions, unmapped: [] }, `${method} ${path}`);
  });

  it('adds the linked actions a write\'s references need, once each, and nothing for the resource\'s references to itself', () => {
    const subnet = `${NET}/virtualNetworks/v1/subnets/data`;
    const pool = `${NET}/loadBalancers/lb1/backendAddressPools/pool`;
    assert.deepEqual(rbacActionsOf({ method: 'PUT', path: `${NET}/networkInterfaces/nic1`, links: [subnet, pool, subnet] }).actions, [
      'Microsoft.Network/networkInterfaces/write',
      'Microsoft.Network/virtualNetworks/subnets/join/action',
      'Microsoft.Network/loadBalancers/backendAddressPools/join/action',
    ]);
    const lb = `${NET}/loadBalancers/lb1`;
    assert.deepEqual(rbacActionsOf({ method: 'PUT', path: lb, links: [subnet, `${lb}/frontendIPConfigurations/fe`, pool.toUpperCase()] }).actions,
      ['Microsoft.Network/loadBalancers/write', 'Microsoft.Network/virtualNetworks/subnets/join/action']);
    assert.deepEqual(rbacActionsOf({ method: 'PUT', path: `${NET}/virtualNetworks/v1`, links: [`${NET}/networkSecurityGroups/nsg1`] }).actions,
      ['Microsoft.Network/virtualNetworks/write', 'Microsoft.Network/networkSecurityGroups/join/action']);
  });

  it('asks peer, not join, for the remote VNet a peering names', () => {
    const remote = `${SUB}/resourceGroups/rg2/providers/Microsoft.Network/virtualNetworks/v2`;
    assert.deepEqual(rbacActionsOf({ method: 'PUT', path: `${NET}/virtualNetworks/v1/virtualNetworkPeerings/p1`, links: [remote] }).actions,
      ['Microsoft.Network/virtualNetworks/virtualNetworkPeerings/write', 'Microsoft.Network/virtualNetworks/peer/action']);
  });

  it('counts a VM PUT as writing the managed disks Azure creates with it, and reading the availability set it names', () => {
    const links = [`${NET}/networkInterfaces/nic1`, `${RG}/providers/Microsoft.Compute/availabilitySets/as1`];
    assert.deepEqual(rbacActionsOf({ method: 'PUT', path: VM, links }).actions, [
      'Microsoft.Compute/virtualMachines/write', 'Microsoft.Network/networkInterfaces/join/action',
      'Microsoft.Compute/availabilitySets/read', 'Microsoft.Compute/disks/write',
    ]);
    assert.deepEqual(rbacActionsOf({ method: 'GET', path: VM, links }).actions, ['Microsoft.Compute/virtualMachines/read'], 'reads link nothing');
  });

  it('reports what it cannot map instead of guessing: unknown paths, verbs, providers and links', () => {
    const gallery = `${SUB}/resourceGroups/rg1/providers/Microsoft.Compute/galleries/g/images/i/versions/1`;
    const storageOperation = `${SUB}/providers/Microsoft.Storage/locations/eastus/operations/op1`;
    const cases: [string, string, string[] | undefined, string][] = [
      ['GET', '/tenants', undefined, 'GET /tenants'],
      ['POST', VM, undefined, `POST ${VM}`],
      ['PUT', `${SUB}/resourcegroups`, undefined, `PUT ${SUB}/resourcegroups`],
      ['GET', storageOperation, undefined, `GET ${storageOperation}`],
      ['PUT', VM, [gallery], `PUT ${VM} links ${gallery}`],
    ];
    for (const [method, path, links, unmapped] of cases) {
      assert.deepEqual(rbacActionsOf({ method, path, ...(links ? { links } : {}) }).unmapped, [unmapped], `${method} ${path}`);
    }
  });
});

describe('rbacActionsOfRun', () => {
  it('needs delete on every tracked type the run created in a group when it deletes the group, and on nothing it did not create there', () => {
    const otherRg = `${SUB}/resourceGroups/rg2/providers/Microsoft.Network/loadBalancers/lb1`;
    const run = rbacActionsOfRun([
      { method: 'PUT', path: `${SUB}/resourcegroups/rg1` },
      { method: 'PUT', path: `${NET}/virtualNetworks/v1` },
      { method: 'PUT', path: `${NET}/virtualNetworks/v1/virtualNetworkPeerings/p1` },
      { method: 'PUT', path: VM },
      { method: 'PUT', path: `${VM}/runCommands/job1` },
      { method: 'PUT', path: otherRg },
      { method: 'DELETE', path: `${SUB}/resourcegroups/RG1` },
    ]);
    const deletes = run.actions.filter((a) => a.endsWith('/delete'));
    assert.deepEqual(deletes, [
      'Microsoft.Resources/subscriptions/resourceGroups/delete', 'Microsoft.Network/virtualNetworks/delete',
      'Microsoft.Compute/virtualMachines/delete', 'Microsoft.Compute/disks/delete', 'Microsoft.Compute/virtualMachines/runCommands/delete',
    ]);
  });

  it('lists each action once, whatever its casing, in the order first needed, and each unmapped request once', () => {
    const run = rbacActionsOfRun([
      { method: 'GET', path: `${SUB}/resourcegroups/rg1` },
      { method: 'GET', path: `${SUB}/RESOURCEGROUPS/rg1` },
      { method: 'GET', path: `${RG}/providers/microsoft.compute/VIRTUALMACHINES/vm1` },
      { method: 'GET', path: VM },
      { method: 'GET', path: '/nowhere' },
      { method: 'GET', path: '/nowhere' },
    ]);
    assert.deepEqual(run, { actions: ['Microsoft.Resources/subscriptions/resourceGroups/read', 'microsoft.compute/VIRTUALMACHINES/read'],
      unmapped: ['GET /nowhere'] });
  });
});
