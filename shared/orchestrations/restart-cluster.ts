import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { OperationRef, ProgressRecorded, RunNodeScriptInput } from '../contracts/activity-io.js';
import type { ClusterNodeRef, RestartClusterInput, RestartNodesInput } from '../contracts/restart-io.js';
import type { RestartStatus } from '../domain/restart/decide-node-restarted.js';
import { fail, ok, type Result } from '../errors/result.js';
import { callActivity, callSub } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { pollUntil } from './kit/poll-until.js';
import { recordProgress } from './kit/record-progress.js';
import { runOperation } from './kit/run-operation.js';

/**
 * A rolling restart through the operation lifecycle: check (every other node up) → restart the
 * nodes one at a time (restartNodes). The cluster stays Ready throughout, whatever the outcome.
 */
export function* restartCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<RestartClusterInput>();
  const operation: OperationRef = { operationId: input.operationId, clusterName: input.clusterName, kind: 'RestartCluster' };
  return yield* runOperation(context, operation, [
    { name: 'check', start: () => [callActivity(context, ACTIVITIES.checkRestartReady, 'cql',
      { clusterName: input.clusterName, nodes: input.nodes.map((n) => n.name) })] },
    { name: 'restart', start: () => [callSub(context, ORCHESTRATIONS.restartNodes, { ...input, operation } satisfies RestartNodesInput, 'restart')],
      summarize: () => `${input.nodes.length} node(s) restarted` },
  ], {});
}

/**
 * One node at a time: its new start-up settings written (an update's), its gossip generation
 * read, `nodetool drain` and stop, start, then CQL and
 * gossip polled on durable timers until it is back (decideNodeRestarted) before the next node
 * goes down. Stops at the first node that does not come back in time
 * (CASSOPS_NODE_JOIN_TIMEOUT naming it and what was last seen), or whose script fails; the nodes
 * after it are left as they were. A lease broken meanwhile stops it before the next node.
 */
export function* restartNodes(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operation, clusterName, nodes, settings, spec } = context.df.getInput<RestartNodesInput>();
  for (const [index, node] of nodes.entries()) {
    const at = `${node.name} (${index + 1} of ${nodes.length}, ${node.dc}/${node.rack})`;
    const recorded = (yield recordProgress(context, operation, { step: 'restart', status: 'Running',
      stepPercent: Math.floor((100 * index) / nodes.length), message: `restarting ${at}` })) as ProgressRecorded;
    if (recorded?.holdsLease === false) {
      return fail({ code: 'CASSOPS_LEASE_LOST', message: `The cluster's lease was taken from the restart before ${node.name}; it restarted ${index} node(s).` });
    }
    const ref: ClusterNodeRef = { clusterName, node: node.name };
    if (spec) {
      const written = (yield callActivity(context, ACTIVITIES.writeJvmOptions, 'runCommand', { node, spec })) as Result<unknown>;
      if (!written.ok) return written as Result<void>;
    }
    const previousGeneration = (yield callActivity(context, ACTIVITIES.readNodeGeneration, 'cql', ref)) as number;
    for (const script of ['stopCassandra', 'startCassandra'] as const) {
      const ran = (yield callActivity(context, ACTIVITIES.runNodeScript, 'runCommand', { node, script } satisfies RunNodeScriptInput)) as Result<unknown>;
      if (!ran.ok) return ran as Result<void>;
    }
    const back = yield* pollUntil<RestartStatus>(context,
      () => callActivity(context, ACTIVITIES.probeNodeRestarted, 'cql', { ...ref, previousGeneration }), (status) => status.ready,
      { timeoutInMs: settings.nodeTimeoutInMs, intervalInMs: settings.pollIntervalInMs },
      (status) => ({ code: 'CASSOPS_NODE_JOIN_TIMEOUT', message: `${node.name} was not back within ${Math.round(settings.nodeTimeoutInMs / 1000)} s `
        + `of its restart, so the restart stopped there (${nodes.length - index - 1} node(s) left as they were); last seen: ${status.detail}` }));
    if (!back.ok) return back as Result<void>;
  }
  yield recordProgress(context, operation, { step: 'restart', status: 'Running', stepPercent: 100, message: `${nodes.length} node(s) restarted` });
  return ok(undefined);
}
