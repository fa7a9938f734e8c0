import type { ClusterPlan, NodePlan } from '../topology/cluster-plan.js';
import { sizeJvmHeap } from './size-jvm-heap.js';

/** Where the Debian package's init script reads start-up settings from (before cassandra-env.sh). */
export const JVM_OPTIONS_PATH = '/etc/default/cassandra';

/**
 * Renders /etc/default/cassandra with the node's heap as exported MAX_HEAP_SIZE and HEAP_NEWSIZE.
 * The Debian init script sources this file before cassandra-env.sh, and the exports carry the
 * values into bin/cassandra. Under G1 (Cassandra 5.0's default on Java 17) cassandra-env.sh uses
 * MAX_HEAP_SIZE and ignores HEAP_NEWSIZE with a warning; it is written for CMS setups and tools
 * that read it. A replacement node also gets `cassandra.replace_address_first_boot`.
 */
export function renderJvmHeapOptions(plan: ClusterPlan, node: NodePlan, replaceAddress?: string): string {
  const heap = sizeJvmHeap(node.vmSize, plan.jvm);
  return [
    `# Written by Cassandra Autopilot for ${node.name} (${node.vmSize}); changes are overwritten.`,
    `export MAX_HEAP_SIZE=${heap.maxHeapMiB}M`,
    `export HEAP_NEWSIZE=${heap.newHeapMiB}M`,
    // cassandra-env.sh appends JVM_EXTRA_OPTS. The _first_boot form is read only until the node has
    // bootstrapped, so the line can stay: later restarts start the node as itself.
    ...(replaceAddress ? [`export JVM_EXTRA_OPTS="\${JVM_EXTRA_OPTS:-} -Dcassandra.replace_address_first_boot=${replaceAddress}"`] : []),
    '',
  ].join('\n');
}
