import { ORCHESTRATIONS } from '../contracts/names.js';
import type { NodeJobInput } from '../contracts/backup-io.js';
import type { NodeSequenceInput } from '../contracts/update-io.js';
import type { Result } from '../errors/result.js';
import { callSub } from './kit/call-activity.js';
import { oneNodeAtATime } from './kit/one-node-at-a-time.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * `nodetool cleanup` on each node, one at a time (a node job, as cleanup rewrites every SSTable
 * and can outlast an activity): after a scale-out each node that gave ranges to a new one drops
 * the data it no longer owns, so the disk it frees is not mistaken for headroom later.
 */
export function* cleanupNodes(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operation, clusterName, nodes } = context.df.getInput<NodeSequenceInput>();
  return yield* oneNodeAtATime(context, operation, nodes, { step: 'cleanup', doing: 'cleaning up', done: 'cleaned up',
    *work(node) {
      const job: NodeJobInput = { clusterName, node: node.name, job: { script: 'cleanupNode', operationId: operation.operationId } };
      return (yield callSub(context, ORCHESTRATIONS.runNodeJob, job, `cleanup-${node.name}`)) as Result<unknown>;
    } });
}
