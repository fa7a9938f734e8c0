import type { ResourceGroupOwner } from '../ports/arm-port.js';
import { decideResourceGroupUse, refuse, type ResourceGroupDecision } from './decide-resource-group-use.js';

/** What decideResourceGroupDeletion looks at. */
export interface ResourceGroupDeletionInput {
  name: string;
  owner: ResourceGroupOwner;
  cluster: string;
  appResourceGroup?: string | undefined;
  /** The groups the cluster's record says it owns (its plan's resourceGroups). */
  recorded: readonly string[];
}

/**
 * Whether a cluster's delete may remove a resource group. Invariants: only a group in the
 * cluster's record and carrying this cluster's tag is deleted (both: the record alone could
 * name a group someone else made, the tag alone could be copied onto any group); the app's own
 * group never is. A group already gone is allowed (deleting it again is a no-op). Pure.
 */
export function decideResourceGroupDeletion(input: ResourceGroupDeletionInput): ResourceGroupDecision {
  const use = decideResourceGroupUse(input);
  if (!use.allowed) return use;
  const name = input.name.toLowerCase();
  if (!input.recorded.some((g) => g.toLowerCase() === name)) {
    return refuse('notRecorded', "it is not one of the cluster's recorded resource groups");
  }
  return use;
}
