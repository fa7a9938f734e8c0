import { parseArmPath } from './parse-arm-path.js';
import { CREATED_WITH, rbacActionsOf, typeOf, type LoggedArmRequest, type RbacNeeds } from './rbac-actions-of.js';

/**
 * Child types ARM lists among a group's resources (they have a location of their own), so a group
 * delete deletes them one by one; other children (subnets, peerings, rules) go with their parent.
 */
const TRACKED_CHILD_TYPES = new Set([
  'microsoft.compute/virtualmachines/runcommands',
  'microsoft.compute/virtualmachines/extensions',
]);

/**
 * The distinct RBAC actions a run of requests needed, in the order first needed (case-insensitively
 * distinct, as Azure compares actions), and everything no rule maps. Beyond each request's own
 * needs (rbacActionsOf): deleting a resource group needs delete on every resource in it, so a
 * group's DELETE needs `<type>/delete` for each type the run created in that group before it
 * (including what Azure created along, such as a VM's disks).
 */
export function rbacActionsOfRun(requests: readonly LoggedArmRequest[]): RbacNeeds {
  const actions = new Map<string, string>();
  const unmapped: string[] = [];
  const createdIn = new Map<string, Map<string, string>>();
  const add = (action: string) => {
    if (!actions.has(action.toLowerCase())) actions.set(action.toLowerCase(), action);
  };
  for (const request of requests) {
    const needs = rbacActionsOf(request);
    needs.actions.forEach(add);
    unmapped.push(...needs.unmapped);
    const method = request.method.toUpperCase();
    const path = parseArmPath(request.path, method);
    if (path.kind === 'resource' && !path.action && method === 'PUT') {
      const group = groupKey(path.subscriptionId, path.resourceGroup);
      const types = createdIn.get(group) ?? new Map<string, string>();
      createdIn.set(group, types);
      const type = typeOf(path);
      if (path.types.length === 1 || TRACKED_CHILD_TYPES.has(type.toLowerCase())) types.set(type.toLowerCase(), type);
      for (const created of CREATED_WITH.get(type.toLowerCase()) ?? []) types.set(created.toLowerCase(), created);
    }
    if (path.kind === 'resourceGroup' && method === 'DELETE') {
      const held = createdIn.get(groupKey(path.subscriptionId, path.resourceGroup))?.values() ?? [];
      for (const type of held) add(`${type}/delete`);
    }
  }
  return { actions: [...actions.values()], unmapped: [...new Set(unmapped)] };
}

function groupKey(subscriptionId: string, resourceGroup: string): string {
  return `${subscriptionId}/${resourceGroup}`.toLowerCase();
}
