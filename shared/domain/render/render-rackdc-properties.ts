import type { NodePlan } from '../topology/cluster-plan.js';

/** Where GossipingPropertyFileSnitch reads the node's DC and rack. */
export const RACKDC_PROPERTIES_PATH = '/etc/cassandra/cassandra-rackdc.properties';

/**
 * Renders cassandra-rackdc.properties: the node's dc and rack, and prefer_local so nodes in one
 * DC talk over their private addresses. Written by hand: three key=value lines whose values are
 * validated names (letters, digits, hyphens), so no escaping is needed.
 * Cassandra refuses to start when dc or rack change under existing data, so these never change.
 */
export function renderRackdcProperties(node: NodePlan): string {
  return [`dc=${node.dc}`, `rack=${node.rack}`, 'prefer_local=true', ''].join('\n');
}
