import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decideAccess, decideRole, HTTP_ACCESS, ROLES, type HttpFunctionName } from '../../../../shared/domain/access/decide-access.js';

const fns = Object.keys(HTTP_ACCESS) as HttpFunctionName[];
const needing = (role: string) => fns.filter((fn) => HTTP_ACCESS[fn] === role);

describe('decideAccess: the one authorization table', () => {
  it('gives every GET to Reader; deploy, repair control, backups, restores into a new cluster, drills, restarts and updates to Operator; delete and lease break to Admin', () => {
    assert.deepEqual(needing('Reader').sort(), ['getClusterHealth', 'getClusterHealthCheck', 'getClusterHealthHistory', 'httpGetBackup', 'httpGetCluster',
      'httpGetOperation', 'httpGetRepair', 'httpGetRepairLedger', 'httpListBackups', 'httpListClusters', 'httpListDrills', 'httpListOperations',
      'httpListRemediations', 'httpListRepairs', 'httpPlanClusterChange']);
    assert.deepEqual(needing('Operator').sort(), ['checkClusterHealthNow', 'httpCancelRepair', 'httpCreateCluster', 'httpPauseRepair',
      'httpRestartCluster', 'httpRestartNode', 'httpResumeRepair', 'httpStartBackup', 'httpStartDrill', 'httpStartRepair', 'httpStartRestore',
      'httpUpdateCluster', 'httpReplaceNode', 'httpApproveOperation', 'httpRejectOperation'].sort());
    assert.deepEqual(needing('Admin').sort(), ['httpBreakClusterLease', 'httpDeleteCluster']);
    assert.deepEqual(needing('key'), ['receiveAlert'], 'the alerts webhook needs its key and no role');
    assert.deepEqual(needing('anonymous'), ['httpGetOpenApi', 'httpGetConsole', 'httpGetConsoleFile'],
      'only what holds no data: the OpenAPI document and the web console\'s files');
  });

  // Each row: the caller's roles, then what each role level of function answers.
  const cases: [string[], { Reader: boolean; Operator: boolean; Admin: boolean }][] = [
    [[], { Reader: false, Operator: false, Admin: false }],
    [['Reader'], { Reader: true, Operator: false, Admin: false }],
    [['Operator'], { Reader: true, Operator: true, Admin: false }],
    [['Admin'], { Reader: true, Operator: true, Admin: true }],
    [['Reader', 'Admin'], { Reader: true, Operator: true, Admin: true }],
    [['admin', 'OPERATOR', 'Owner', 'Autopilot.Admin'], { Reader: false, Operator: false, Admin: false }],
  ];
  for (const [roles, expected] of cases) {
    it(`a caller holding [${roles.join(', ')}] is allowed exactly where its highest role reaches`, () => {
      for (const level of ROLES) {
        for (const fn of needing(level)) assert.equal(decideAccess(fn, roles).allowed, expected[level], `${fn} for [${roles}]`);
      }
    });
  }

  it('names the role needed and the roles held when it refuses', () => {
    assert.deepEqual(decideAccess('httpDeleteCluster', ['Reader', 'Operator', 'x']), { allowed: false, needs: 'Admin', holds: ['Reader', 'Operator'] });
    assert.deepEqual(decideAccess('httpStartRepair', []), { allowed: false, needs: 'Operator', holds: [] });
  });

  it('ranks roles the same way for a check inside a route (an in-place restore needs Admin on an Operator route)', () => {
    assert.deepEqual(decideRole('Admin', ['Operator', 'admin']), { allowed: false, needs: 'Admin', holds: ['Operator'] });
    assert.deepEqual(decideRole('Admin', ['Admin']), { allowed: true });
    assert.deepEqual(decideRole('Operator', ['Admin']), { allowed: true });
  });

  it('lets anyone through to the key and anonymous functions (the host checked the key)', () => {
    assert.equal(decideAccess('receiveAlert', []).allowed, true);
    assert.equal(decideAccess('httpGetOpenApi', []).allowed, true);
  });

  it('matches the app roles infra/app-roles.json defines on the Entra ID app registration, value for value', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../../../../infra/app-roles.json', import.meta.url), 'utf8')) as
      { id: string; value: string; isEnabled: boolean; allowedMemberTypes: string[] }[];
    assert.deepEqual(manifest.map((r) => r.value), [...ROLES]);
    assert.equal(new Set(manifest.map((r) => r.id)).size, ROLES.length);
    for (const role of manifest) {
      assert.match(role.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(role.isEnabled, true);
      assert.deepEqual(role.allowedMemberTypes, ['User', 'Application'], 'people and CI identities alike');
    }
  });
});
