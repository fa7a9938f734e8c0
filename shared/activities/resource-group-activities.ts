import type { CreateResourceGroupInput, ResourceGroupDeletion, ResourceGroupInput } from '../contracts/activity-io.js';
import { decideResourceGroupDeletion } from '../domain/deploy/decide-resource-group-deletion.js';
import { decideResourceGroupUse } from '../domain/deploy/decide-resource-group-use.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { ownerOf } from './owner-of.js';

/**
 * The resource group activities, each reading the group's owner first: the product creates and
 * deletes only groups it made for the cluster. The read and the write are two calls, so a group
 * made by someone else in between is not caught; the request-time check and this one narrow
 * that window to the gap between two ARM calls.
 */
export function createResourceGroupActivities({ arm, state, appResourceGroup }: ActivityDeps) {
  return {
    /** Refuses (CASSOPS_RESOURCE_GROUP_NOT_OWNED, permanent) a group someone else made since the request's check. */
    createOrUpdateResourceGroup: async (i: CreateResourceGroupInput): Promise<Result<void>> => {
      const owner = await arm.readResourceGroupOwner(i.name);
      if (!owner.ok) return owner;
      const use = decideResourceGroupUse({ name: i.name, owner: owner.value, cluster: i.clusterName, appResourceGroup });
      if (use.allowed) return arm.ensureResourceGroup(i.name, i.location, ownerOf(i));
      return fail({ code: 'CASSOPS_RESOURCE_GROUP_NOT_OWNED', message: `resource group ${i.name}: ${use.message}` });
    },
    /**
     * Deletes the group only when the cluster's record lists it and it carries the cluster's tag;
     * otherwise leaves it and says why (a value, not a failure: the rest of the delete goes on).
     */
    deleteResourceGroup: async (i: ResourceGroupInput): Promise<Result<ResourceGroupDeletion>> => {
      const [owner, cluster] = await Promise.all([arm.readResourceGroupOwner(i.name), state.getCluster(i.clusterName)]);
      if (!owner.ok) return owner;
      const decision = decideResourceGroupDeletion({ name: i.name, owner: owner.value, cluster: i.clusterName,
        recorded: cluster?.plan.resourceGroups.map((g) => g.name) ?? [], appResourceGroup });
      if (!decision.allowed) return ok({ name: i.name, deleted: false, reason: decision.message });
      if (!owner.value.exists) return ok({ name: i.name, deleted: true });
      const deleted = await arm.deleteResourceGroup(i.name);
      return deleted.ok ? ok({ name: i.name, deleted: true }) : deleted;
    },
  };
}
