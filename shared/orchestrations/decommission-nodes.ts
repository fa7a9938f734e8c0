import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { NodeJobInput } from '../contracts/backup-io.js';
import type { DeleteNodeInput, NodeSequenceInput } from '../contracts/update-io.js';
import type { Result } from '../errors/result.js';
import { callActivity, callSub } from './kit/call-activity.js';
import { oneNodeAtATime } from './kit/one-node-at-a-time.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * Each node leaves the ring with `nodetool decommission` (it streams its ranges to the nodes that
 * take them over, then stops for good), one at a time, and only then is its VM deleted with its
 * NIC and disks: no dead node is left in gossip for someone to assassinate by hand.
 */
export function* decommissionNodes(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operation, clusterName, nodes, leavingDatacenters = [] } = context.df.getInput<NodeSequenceInput>();
  return yield* oneNodeAtATime(context, operation, nodes, { step: 'decommission', doing: 'decommissioning', done: 'decommissioned',
    *work(node) {
      const force = leavingDatacenters.includes(node.dc);
      const job: NodeJobInput = { clusterName, node: node.name, job: { script: 'decommissionNode', operationId: operation.operationId, ...(force ? { force } : {}) } };
      const left = (yield callSub(context, ORCHESTRATIONS.runNodeJob, job, `decommission-${node.name}`)) as Result<unknown>;
      if (!left.ok) return left;
      return (yield callActivity(context, ACTIVITIES.deleteNodeResources, 'arm', { clusterName, node } satisfies DeleteNodeInput)) as Result<unknown>;
    } });
}
