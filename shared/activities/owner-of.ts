import type { ResourceOwner } from '../domain/ports/arm-port.js';

/** Whom an activity's resources are for: its cluster and the plan's tags (none in inputs older than tags). */
export function ownerOf(i: { clusterName: string; tags?: Record<string, string> }): ResourceOwner {
  return { cluster: i.clusterName, tags: i.tags ?? {} };
}
