import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLUSTER_MANAGER_ROLE_FILE, readClusterManagerRole } from '../../support/cluster-manager-role.js';
import { evaluateRoleCoverage, isRoleCovered, renderRoleCoverage } from '../../support/evaluate-role-coverage.js';
import { RBAC_ACTIONS_DIR_ENV, readRecordedRbacActions } from '../support/record-rbac-actions.js';
import { UNEXERCISED_ROLE_ACTIONS } from '../support/unexercised-role-actions.js';

// Runs after every scenario: Node's runner takes test files in sorted path order, and `zz-` sorts
// last. Each scenario's stack recorded, as it stopped, the RBAC actions the app called.
test('the Cluster Manager role allows every ARM action the app called in the scenarios, and holds no other', (t) => {
  const dir = process.env[RBAC_ACTIONS_DIR_ENV];
  if (!dir) {
    t.skip(`${RBAC_ACTIONS_DIR_ENV} is unset: test/run-tests.mjs sets it when it runs the e2e suite`);
    return;
  }
  const runs = readRecordedRbacActions(dir);
  assert.ok(runs.length > 0, `no scenario recorded its actions in ${dir}: did the e2e scenarios run before this file?`);
  const unmapped = runs.flatMap((run) => run.unmapped.map((request) => `${run.scenario}: ${request}`));
  assert.deepEqual(unmapped, [], 'requests local/arm-sim/rbac-actions-of.ts has no RBAC action for: give them one');
  const coverage = evaluateRoleCoverage(readClusterManagerRole().actions, runs.flatMap((run) => run.actions), UNEXERCISED_ROLE_ACTIONS);
  assert.ok(isRoleCovered(coverage), `${CLUSTER_MANAGER_ROLE_FILE} does not match what the app called in `
    + `${runs.map((run) => run.scenario).join(', ')} (a scenario that failed early calls less: fix it first; `
    + `exemptions live in test/e2e/support/unexercised-role-actions.ts):\n${renderRoleCoverage(coverage)}`);
});
