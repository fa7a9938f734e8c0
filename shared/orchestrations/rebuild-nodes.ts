import { ORCHESTRATIONS } from '../contracts/names.js';
import type { NodeJobInput } from '../contracts/backup-io.js';
import type { RebuildNodesInput } from '../contracts/update-io.js';
import type { Result } from '../errors/result.js';
import { callSub } from './kit/call-activity.js';
import { oneNodeAtATime } from './kit/one-node-at-a-time.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * `nodetool rebuild -- <source DC>` on each node of a new datacenter, one at a time (a node job:
 * it streams the node's whole share): the nodes joined without bootstrap, so until then they own
 * ranges and hold no data; LOCAL_* reads in the new DC are only right once every node is rebuilt.
 */
export function* rebuildNodes(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operation, clusterName, nodes, sourceDc } = context.df.getInput<RebuildNodesInput>();
  return yield* oneNodeAtATime(context, operation, nodes, { step: 'rebuild', doing: `rebuilding from ${sourceDc}`, done: 'rebuilt',
    *work(node) {
      const job: NodeJobInput = { clusterName, node: node.name, machine: node, job: { script: 'rebuildNode', operationId: operation.operationId, sourceDc } };
      return (yield callSub(context, ORCHESTRATIONS.runNodeJob, job, `rebuild-${node.name}`)) as Result<unknown>;
    } });
}
