import { decideResourceGroupUse } from '../domain/deploy/decide-resource-group-use.js';
import { OpsError, type Issue } from '../errors/ops-error.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import type { PlannedRequest } from './plan-request.js';

/**
 * Reads every group the request would deploy into (each once, in parallel) and throws
 * CASSOPS_SPEC_INVALID, with each refused group's JSON path, when one exists without this
 * cluster's tag or is the app's own: a PUT would replace its tags and a delete would remove it
 * whole. Reads only, so a refused request leaves nothing behind. A failed read is thrown as
 * the ARM error (CASSOPS_ARM_*).
 */
export async function refuseForeignResourceGroups(deps: ClusterApiDeps, request: PlannedRequest): Promise<void> {
  const cluster = request.plan.clusterName;
  const issues = await Promise.all(groupPaths(request).map(async ({ name, path }): Promise<Issue | undefined> => {
    const owner = await deps.arm.readResourceGroupOwner(name);
    if (!owner.ok) throw new OpsError(owner.error.code, { message: owner.error.message });
    const use = decideResourceGroupUse({ name, owner: owner.value, cluster, appResourceGroup: deps.appResourceGroup });
    return use.allowed ? undefined : { path, message: `resource group '${name}' cannot be used: ${use.message}` };
  }));
  const refused = issues.filter((i): i is Issue => i !== undefined);
  if (refused.length > 0) {
    const message = `The cluster spec names ${refused.length} resource group(s) it may not use.`;
    throw new OpsError('CASSOPS_SPEC_INVALID', { message, issues: refused });
  }
}

/** Each group the plan deploys into, once, with the path of the spec field naming it (a defaulted name: its DC's). */
function groupPaths({ spec, plan }: PlannedRequest): { name: string; path: string }[] {
  const seen = new Map<string, { name: string; path: string }>();
  plan.datacenters.forEach((dc, i) => {
    const named = spec.datacenters[i]?.resourceGroup === undefined && spec.azure.resourceGroup !== undefined;
    const path = named ? '$.azure.resourceGroup' : `$.datacenters[${i}].resourceGroup`;
    const key = dc.resourceGroup.toLowerCase();
    if (!seen.has(key)) seen.set(key, { name: dc.resourceGroup, path });
  });
  return [...seen.values()];
}
