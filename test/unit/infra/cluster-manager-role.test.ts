import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readClusterManagerRole } from '../../support/cluster-manager-role.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../../../infra/${path}`, import.meta.url)), 'utf8');

/** Checkov's role check (CKV_AZURE_39) passes even a literal '*' (tried on 3.3.30), so these read the role itself. */
describe('infra: the Cluster Manager role', () => {
  const role = readClusterManagerRole();
  const main = read('main.bicep');

  it('names single actions only: no wildcard, no duplicate, each a read, write, delete or action of a provider the product uses', () => {
    assert.ok(role.actions.length > 0);
    for (const action of role.actions) {
      assert.match(action, /^Microsoft\.(Resources|Network|Compute)\/[A-Za-z/]+\/(read|write|delete|action)$/, action);
    }
    assert.equal(new Set(role.actions.map((a) => a.toLowerCase())).size, role.actions.length, 'no action twice');
    assert.ok(role.actions.every((a) => !/Microsoft\.Authorization\//i.test(a)), 'nothing that could grant access on');
  });

  it('is defined from the JSON at subscription scope and assigned to the app\'s identity by default, Contributor only when chosen', () => {
    assert.match(main, /loadJsonContent\('app\/cluster-manager-role\.json'\)/);
    assert.match(main, /resource clusterManager 'Microsoft\.Authorization\/roleDefinitions@[\d-]+' = if \(clusterAccess == 'clusterManager'\)/);
    assert.match(main, /actions: clusterManagerRole\.actions/);
    assert.match(main, /assignableScopes: \[subscription\(\)\.id\]/);
    assert.match(main, /param clusterAccess string = 'clusterManager'/);
    assert.match(main, /@allowed\(\['clusterManager', 'contributor', 'none'\]\)/);
    assert.match(main, /clusterAccess == 'clusterManager' \? clusterManagerRoleGuid : contributorRoleGuid/);
    assert.match(main, /principalId: identity\.outputs\.principalId/);
    assert.ok(!/grantSubscriptionContributor/.test(main), 'the old Contributor switch is gone');
  });

  it('can be held on chosen resource groups instead of the subscription', () => {
    assert.match(main, /param clusterResourceGroups array = \[\]/);
    assert.match(main, /= if \(clusterAccess != 'none' && empty\(clusterResourceGroups\)\)/);
    assert.match(main, /module clusterAccessOnGroups 'app\/cluster-access\.bicep' = \[for group in clusterResourceGroups: /);
    assert.match(main, /clusterResourceGroups: if \(clusterAccess != 'none'\)/);
    assert.match(main, /scope: resourceGroup\(group\)/);
  });
});
