import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rbacActionsOfRun } from '../../../local/arm-sim/rbac-actions-of-run.js';
import type { LoggedArmRequest } from '../../../local/arm-sim/rbac-actions-of.js';
import { readClusterManagerRole } from '../../support/cluster-manager-role.js';
import { evaluateRoleCoverage, isAllowedBy, isRoleCovered, renderRoleCoverage } from '../../support/evaluate-role-coverage.js';
import { UNEXERCISED_ROLE_ACTIONS } from '../../e2e/support/unexercised-role-actions.js';

/**
 * The app principal's requests, as the simulator logged them, while the product's adapters deployed
 * two one-node DCs in zones (NSGs, VNets, peerings, NICs, VMs), read instance views, ran a probe
 * and a managed run command job, started a VM (as the autopilot does), deleted a peering (as removing a
 * datacenter does), and deleted both groups; then two DCs linked by VPN gateways (gateways with
 * their public IPs, read while building, connections both ways, read for their status, deleted,
 * then both groups): the e2e scenarios' calls in small.
 */
const SAMPLE = ['two-dc-requests.jsonl', 'vpn-requests.jsonl'].flatMap((file) =>
  readFileSync(new URL(`../../../../test/fixtures/rbac/${file}`, import.meta.url), 'utf8')
    .split('\n').filter(Boolean).map((line) => JSON.parse(line) as LoggedArmRequest));

describe('evaluateRoleCoverage', () => {
  it('lets a role\'s * match any run of characters, case-insensitively', () => {
    const cases: [string, string[], boolean][] = [
      ['Microsoft.Compute/virtualMachines/read', ['Microsoft.Compute/virtualMachines/read'], true],
      ['microsoft.compute/VIRTUALMACHINES/read', ['Microsoft.Compute/virtualMachines/read'], true],
      ['Microsoft.Compute/virtualMachines/runCommands/write', ['Microsoft.Compute/*'], true],
      ['Microsoft.Compute/virtualMachines/instanceView/read', ['*/read'], true],
      ['Microsoft.Compute/virtualMachines/write', ['*/read'], false],
      ['Microsoft.Compute/virtualMachines/read', ['Microsoft.Compute/virtualMachines'], false],
      ['Microsoft.ComputeX/virtualMachines/read', ['Microsoft.Compute./virtualMachines/read'], false],
    ];
    for (const [action, role, allowed] of cases) assert.equal(isAllowedBy(action, role), allowed, `${action} by ${role.join(', ')}`);
  });

  it('names the called actions the role lacks, the role actions nothing called, and the exemptions that no longer hold', () => {
    const role = ['Microsoft.Network/virtualNetworks/*', 'Microsoft.Compute/disks/write', 'Microsoft.Compute/availabilitySets/write',
      'Microsoft.Compute/disks/delete'];
    const recorded = ['Microsoft.Network/virtualNetworks/write', 'Microsoft.Compute/virtualMachines/write', 'Microsoft.Compute/disks/delete'];
    const coverage = evaluateRoleCoverage(role, recorded, {
      'Microsoft.Compute/availabilitySets/write': 'zones only',
      'Microsoft.Compute/disks/delete': 'was never called',
      'Microsoft.Network/loadBalancers/write': 'not in the role',
    });
    assert.deepEqual(coverage, {
      notAllowed: ['Microsoft.Compute/virtualMachines/write'],
      neverRecorded: ['Microsoft.Compute/disks/write'],
      staleExemptions: ['Microsoft.Compute/disks/delete', 'Microsoft.Network/loadBalancers/write'],
    });
    assert.equal(isRoleCovered(coverage), false);
    assert.match(renderRoleCoverage(coverage), /not allowed by the role.*Microsoft\.Compute\/virtualMachines\/write/);
    assert.match(renderRoleCoverage(coverage), /never called.*Microsoft\.Compute\/disks\/write/);
    assert.match(renderRoleCoverage(coverage), /exempted but called after all.*disks\/delete, Microsoft\.Network\/loadBalancers\/write/);
  });

  it('finds the real role exactly right for a recorded sample of the zone path, given the e2e exemptions', () => {
    const run = rbacActionsOfRun(SAMPLE);
    assert.deepEqual(run.unmapped, []);
    const coverage = evaluateRoleCoverage(readClusterManagerRole().actions, run.actions, UNEXERCISED_ROLE_ACTIONS);
    assert.ok(isRoleCovered(coverage), renderRoleCoverage(coverage));
    assert.equal(renderRoleCoverage(coverage), '');
  });

  it('fails the real role on the sample once an action is dropped from it, or one the product never calls is added', () => {
    const { actions } = readClusterManagerRole();
    const run = rbacActionsOfRun(SAMPLE).actions;
    const withoutPeer = actions.filter((a) => a !== 'Microsoft.Network/virtualNetworks/peer/action');
    const dropped = evaluateRoleCoverage(withoutPeer, run, UNEXERCISED_ROLE_ACTIONS);
    assert.deepEqual(dropped.notAllowed, ['Microsoft.Network/virtualNetworks/peer/action']);
    const widened = evaluateRoleCoverage([...actions, 'Microsoft.Compute/virtualMachines/powerOff/action'], run, UNEXERCISED_ROLE_ACTIONS);
    assert.deepEqual(widened.neverRecorded, ['Microsoft.Compute/virtualMachines/powerOff/action']);
  });
});
