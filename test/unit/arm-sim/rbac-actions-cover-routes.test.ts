import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rbacActionsOf, type LoggedArmRequest } from '../../../local/arm-sim/rbac-actions-of.js';
import { resourceKinds } from '../../../local/arm-sim/resource-kinds.js';

const SUB = '/subscriptions/s1';
const RG = `${SUB}/resourceGroups/rg1`;

/** A resource's URL path from its kind's type, naming each type segment `n0`, `n1`, ... */
function pathOf(type: string, names = true): string {
  const [namespace, ...types] = type.split('/');
  const segments = types.flatMap((t, i) => (names || i < types.length - 1 ? [t, `n${i}`] : [t]));
  return `${RG}/providers/${namespace}/${segments.join('/')}`;
}

/**
 * Every request the simulator routes (route-arm-request.ts), derived from its resource kinds so a
 * kind or action added there is covered here: the verbs on each resource and its collection, each
 * action or view, the group routes, each provider's operation polls, the subscription-wide lists
 * and the run-command catalogue.
 */
function simulatorRoutes(): LoggedArmRequest[] {
  const routes: LoggedArmRequest[] = [];
  const namespaces = new Set(['Microsoft.Resources']);
  for (const kind of resourceKinds.values()) {
    const [namespace, ...types] = kind.type.split('/');
    namespaces.add(namespace!);
    const path = pathOf(kind.type);
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) routes.push({ method, path });
    routes.push({ method: 'GET', path: pathOf(kind.type, false) });
    for (const [name, action] of Object.entries(kind.actions ?? {})) routes.push({ method: action.method, path: `${path}/${name}` });
    if (types.length === 1) routes.push({ method: 'GET', path: `${SUB}/providers/${kind.type}` });
  }
  for (const method of ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']) routes.push({ method, path: RG });
  routes.push({ method: 'GET', path: `${SUB}/resourceGroups` });
  for (const namespace of namespaces) {
    for (const poll of ['operations', 'operationResults']) routes.push({ method: 'GET', path: `${SUB}/providers/${namespace}/locations/l1/${poll}/op1` });
  }
  routes.push({ method: 'GET', path: `${SUB}/providers/Microsoft.Compute/locations/l1/runCommands` });
  routes.push({ method: 'GET', path: `${SUB}/providers/Microsoft.Compute/locations/l1/runCommands/RunShellScript` });
  return routes;
}

/**
 * A route of the simulator with no RBAC mapping would fail only the e2e suite's last check, half
 * an hour in; this fails in the unit suite instead, naming each such route.
 */
describe('rbacActionsOf covers every route the ARM simulator serves', () => {
  const routes = simulatorRoutes();

  it('derives the routes from the simulator (VM actions and managed run commands included)', () => {
    const described = routes.map((r) => `${r.method} ${r.path}`);
    const vm = pathOf('Microsoft.Compute/virtualMachines');
    for (const expected of [`POST ${vm}/runcommand`, `GET ${vm}/instanceview`, `PUT ${vm}/runCommands/n1`, `DELETE ${vm}/runCommands/n1`]) {
      assert.ok(described.includes(expected), expected);
    }
  });

  it('maps each one to at least one action, leaving nothing unmapped', () => {
    const unmapped = routes.flatMap((r) => {
      const needs = rbacActionsOf(r);
      return needs.unmapped.length > 0 || needs.actions.length === 0 ? [`${r.method} ${r.path}`] : [];
    });
    assert.deepEqual(unmapped, [], 'add a rule to local/arm-sim/rbac-actions-of.ts for each');
  });

  it('names an action of the kind\'s own type for each resource verb and action', () => {
    for (const kind of resourceKinds.values()) {
      const path = pathOf(kind.type);
      for (const [method, verb] of [['GET', 'read'], ['PUT', 'write'], ['PATCH', 'write'], ['DELETE', 'delete']] as const) {
        assert.equal(rbacActionsOf({ method, path }).actions[0]?.toLowerCase(), `${kind.type}/${verb}`.toLowerCase(), `${method} ${kind.type}`);
      }
      for (const [name, action] of Object.entries(kind.actions ?? {})) {
        const suffix = action.method === 'POST' ? `${name}/action` : `${name}/read`;
        assert.equal(rbacActionsOf({ method: action.method, path: `${path}/${name}` }).actions[0]?.toLowerCase(),
          `${kind.type}/${suffix}`.toLowerCase(), `${action.method} ${kind.type} ${name}`);
      }
    }
  });
});
