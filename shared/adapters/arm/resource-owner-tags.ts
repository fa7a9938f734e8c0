import type { ResourceGroupOwner, ResourceOwner } from '../../domain/ports/arm-port.js';

// Azure compares tag names case-insensitively: both directions match the product's tag that way.

/** The tags a resource is created with: the spec's, then the product's own, which no spec tag can override. */
export function tagsForOwner(owner: ResourceOwner, clusterTag: string): Record<string, string> {
  const own = clusterTag.toLowerCase();
  const spec = Object.entries(owner.tags).filter(([name]) => name.toLowerCase() !== own);
  return { ...Object.fromEntries(spec), [clusterTag]: owner.cluster };
}

/** The owner an existing group's tags name. */
export function ownerFromTags(tags: Record<string, string> | undefined, clusterTag: string): ResourceGroupOwner {
  const own = clusterTag.toLowerCase();
  const cluster = Object.entries(tags ?? {}).find(([name]) => name.toLowerCase() === own)?.[1];
  return cluster === undefined ? { exists: true } : { exists: true, cluster };
}
