import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecordedRbacActions, recordRbacActions } from '../../e2e/support/record-rbac-actions.js';

test('a run records the actions of the app principal\'s requests only, one file per run, read back in file order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-record-'));
  try {
    const log = join(dir, 'requests.log');
    const vm = '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1';
    writeFileSync(log, [
      { method: 'GET', path: vm, caller: 'app' },
      { method: 'POST', path: `${vm}/powerOff`, caller: 'tool' },
      { method: 'POST', path: '/tenant/oauth2/v2.0/token' },
      { method: 'POST', path: `${vm}/runCommand`, caller: 'app' },
      { method: 'GET', path: '/nowhere', caller: 'app' },
    ].map((e) => JSON.stringify({ time: '', status: 200, durationInMs: 1, requestId: 'r', ...e })).join('\n') + '\n');
    const out = join(dir, 'actions');
    recordRbacActions({ requestLogFile: log, appClientId: 'app', dir: out, scenario: 'health-story' });
    recordRbacActions({ requestLogFile: log, appClientId: 'tool', dir: out, scenario: 'repair-story' });
    assert.equal(readdirSync(out).length, 2);
    assert.deepEqual(readRecordedRbacActions(out), [
      { scenario: 'health-story', actions: ['Microsoft.Compute/virtualMachines/read', 'Microsoft.Compute/virtualMachines/runCommand/action'],
        unmapped: ['GET /nowhere'] },
      { scenario: 'repair-story', actions: ['Microsoft.Compute/virtualMachines/powerOff/action'], unmapped: [] },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
