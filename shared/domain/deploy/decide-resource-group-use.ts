import type { ResourceGroupOwner } from '../ports/arm-port.js';
import { CLUSTER_TAG } from '../topology/azure-names.js';

/** Why a resource group may or may not be used (or deleted), stored and compared as strings. */
export const RESOURCE_GROUP_REASONS = {
  absent: 'absent',
  owned: 'owned',
  appGroup: 'app-group',
  untagged: 'untagged',
  otherCluster: 'other-cluster',
  notRecorded: 'not-recorded',
} as const;
export type ResourceGroupReason = (typeof RESOURCE_GROUP_REASONS)[keyof typeof RESOURCE_GROUP_REASONS];

/** A decision on one group; `message` (set exactly when refused) says why, starting with "it". */
export interface ResourceGroupDecision {
  allowed: boolean;
  reason: ResourceGroupReason;
  message?: string;
}

/** What decideResourceGroupUse looks at. */
export interface ResourceGroupUseInput {
  name: string;
  owner: ResourceGroupOwner;
  cluster: string;
  /** The app's own group (AUTOPILOT_APP_RESOURCE_GROUP); undefined when the setting is not set. */
  appResourceGroup?: string | undefined;
}

/**
 * Whether a cluster may create (or reuse) a resource group. Invariants: the app's own group is
 * refused whatever its tags (names compare case-insensitively, as ARM's do); a group that does
 * not exist may be created; an existing one only when its cluster tag names this cluster, so a
 * group someone else made is never taken over (a PUT would replace its tags). Pure.
 */
export function decideResourceGroupUse(input: ResourceGroupUseInput): ResourceGroupDecision {
  const { name, owner, cluster, appResourceGroup } = input;
  if (appResourceGroup !== undefined && name.toLowerCase() === appResourceGroup.toLowerCase()) {
    return refuse('appGroup', "it is the app's own resource group");
  }
  if (!owner.exists) return { allowed: true, reason: 'absent' };
  if (owner.cluster === cluster) return { allowed: true, reason: 'owned' };
  if (owner.cluster === undefined) {
    const missing = `${CLUSTER_TAG}=${cluster}`;
    return refuse('untagged', `it exists and does not carry the tag ${missing}, so it was not created for this cluster`);
  }
  return refuse('otherCluster', `it belongs to cluster ${owner.cluster} (tag ${CLUSTER_TAG}=${owner.cluster})`);
}

/** A refusal with its reason and message. */
export function refuse(reason: keyof typeof RESOURCE_GROUP_REASONS, message: string): ResourceGroupDecision {
  return { allowed: false, reason: RESOURCE_GROUP_REASONS[reason], message };
}
