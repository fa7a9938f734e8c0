import type { OperationRef, ProgressRecorded } from '../../contracts/activity-io.js';
import type { DeploymentNode } from '../../domain/deploy/deployment-plan.js';
import { fail, ok, type Result } from '../../errors/result.js';
import type { Orchestration, OrchestrationContextLike } from './orchestration-context.js';
import { recordProgress } from './record-progress.js';

/** What one node's turn is called in progress records ("cleaning up", "decommissioning"), and its work. */
export interface NodeTurn {
  step: string;
  doing: string;
  done: string;
  work: (node: DeploymentNode, index: number) => Orchestration<Result<unknown>>;
}

/**
 * Runs `turn.work` on each node in order, the next only once the last succeeded: Cassandra
 * streams for one range movement at a time, and a node out of service at a time keeps every
 * replica set at quorum. Each turn is recorded first (which renews the lease); a lease broken
 * meanwhile stops it before the next node (CASSOPS_LEASE_LOST), a failed turn stops it there.
 */
export function* oneNodeAtATime(context: OrchestrationContextLike, operation: OperationRef, nodes: readonly DeploymentNode[],
  turn: NodeTurn): Orchestration<Result<void>> {
  for (const [index, node] of nodes.entries()) {
    const recorded = (yield recordProgress(context, operation, { step: turn.step, status: 'Running',
      stepPercent: Math.floor((100 * index) / nodes.length), message: `${turn.doing} ${node.name} (${index + 1} of ${nodes.length}, ${node.dc}/${node.rack})` })) as ProgressRecorded;
    if (recorded?.holdsLease === false) {
      return fail({ code: 'CASSOPS_LEASE_LOST', message: `The cluster's lease was taken from the operation before ${node.name}; ${index} node(s) were ${turn.done}.` });
    }
    const result = yield* turn.work(node, index);
    if (!result.ok) return result as Result<void>;
  }
  return ok(undefined);
}
