import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommonAlert } from '../../../../shared/domain/health/common-alert-schema.js';
import { matchAlertTarget } from '../../../../shared/domain/health/match-alert-target.js';
import { vmAlert } from './alert-fixtures.js';

const VMS = [
  { cluster: 'orders', node: 'orders-dc1-r1-0', resourceGroup: 'rg-Orders-DC1', vmName: 'vm-Orders-dc1-r1-0' },
  { cluster: 'orders', node: 'orders-dc1-r2-0', resourceGroup: 'rg-Orders-DC1', vmName: 'vm-Orders-dc1-r2-0' },
  { cluster: 'ledger', node: 'ledger-dc1-r1-0', resourceGroup: 'rg-ledger', vmName: 'vm-ledger-1' },
];
const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111';

test('a documented common-schema VM alert parses', () => {
  const parsed = parseCommonAlert(vmAlert(`${SUB}/resourcegroups/rg-orders-dc1/providers/microsoft.compute/virtualmachines/vm-orders-dc1-r2-0`));
  assert.equal(parsed.ok, true);
});

test('malformed payloads: every problem with its JSON path', () => {
  const cases: [unknown, string[]][] = [
    [null, ['$']],
    [{ schemaId: 'Microsoft.Insights/activityLogs', data: {} }, ['$.schemaId', '$.data.essentials']],
    [{ ...vmAlert('x'), data: { essentials: { ...vmAlert('x').data.essentials, severity: 'High', alertTargetIDs: [], monitorCondition: 'Maybe' } } },
      ['$.data.essentials.severity', '$.data.essentials.monitorCondition', '$.data.essentials.alertTargetIDs']],
  ];
  for (const [payload, paths] of cases) {
    const parsed = parseCommonAlert(payload);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.deepEqual(parsed.issues.map((i) => i.path).sort(), [...paths].sort(), JSON.stringify(parsed.issues));
  }
  const wrongSchema = parseCommonAlert({ schemaId: 'x', data: vmAlert('x').data });
  assert.match(!wrongSchema.ok ? wrongSchema.issues[0]!.message : '', /common alert schema/);
});

test('targets match a node by VM id, the cluster by resource group, case-insensitively', () => {
  const cases: [string[], unknown][] = [
    [[`${SUB}/resourcegroups/rg-orders-dc1/providers/microsoft.compute/virtualmachines/vm-orders-dc1-r2-0`], { cluster: 'orders', node: 'orders-dc1-r2-0' }],
    [[`${SUB}/resourcegroups/rg-orders-dc1/providers/microsoft.compute/virtualmachines/vm-orders-dc1-r2-0/extensions/ama`], { cluster: 'orders', node: 'orders-dc1-r2-0' }],
    [[`${SUB}/resourcegroups/RG-LEDGER/providers/microsoft.compute/disks/d1`], { cluster: 'ledger' }],
    [[`${SUB}/resourceGroups/rg-ledger`], { cluster: 'ledger' }],
    [[`${SUB}/resourcegroups/rg-other/providers/microsoft.compute/virtualmachines/vm-ledger-1`], undefined],
    [[`${SUB}/resourcegroups/rg-other`, `${SUB}/resourcegroups/rg-ledger/providers/microsoft.compute/virtualmachines/vm-ledger-1`], { cluster: 'ledger', node: 'ledger-dc1-r1-0' }],
    [['not an arm id'], undefined],
  ];
  for (const [targets, expected] of cases) assert.deepEqual(matchAlertTarget(targets, VMS), expected, targets.join());
});
