import type { Task } from 'durable-functions';
import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { OperationRef, ProgressRecorded, RunNodeScriptInput } from '../contracts/activity-io.js';
import type { ClusterNodeRef, RestartClusterInput, RestartNodesInput } from '../contracts/restart-io.js';
import type { RestartStatus } from '../domain/restart/decide-node-restarted.js';
import { fail, ok, type Result } from '../errors/result.js';
import { callActivity, callSub, firstFailure } from './kit/call-activity.js';
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
      { clusterName: input.clusterName, nodes: input.nodes.map((n) => n.name) })], summarize: () => input.wavesNote },
    { name: 'restart', start: () => [callSub(context, ORCHESTRATIONS.restartNodes, { ...input, operation } satisfies RestartNodesInput, 'restart')],
      summarize: () => `${input.nodes.length} node(s) restarted` },
  ], {});
}

/**
 * One wave at a time (a node, or a rack's nodes where the spec asks for racks and a rack down
 * keeps quorum: planRestartWaves): each node's new start-up settings written (an update's), its
 * gossip generation read, `nodetool drain` and stop, an upgrade's release installed, start, then
 * CQL and gossip (and the release it announces, for an upgrade) polled on durable
 * timers until every node of the wave is back (decideNodeRestarted) before the next wave goes
 * down. Stops at the first node that does not come back in time (CASSOPS_NODE_JOIN_TIMEOUT
 * naming it and what was last seen), or whose script fails; the nodes after it are left as they
 * were. A lease broken meanwhile stops it before the next wave.
 */
export function* restartNodes(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operation, clusterName, nodes, settings, spec, release, waves = nodes.map((n) => [n]) } = context.df.getInput<RestartNodesInput>();
  const all = function* <T>(tasks: Task[]): Orchestration<T[]> { return (yield context.df.Task.all(tasks)) as T[]; };
  let done = 0;
  for (const [index, wave] of waves.entries()) {
    const at = wave.length === 1 ? `${wave[0]!.name} (${index + 1} of ${waves.length}, ${wave[0]!.dc}/${wave[0]!.rack})`
      : `rack ${wave[0]!.dc}/${wave[0]!.rack}: ${wave.map((n) => n.name).join(', ')} (${index + 1} of ${waves.length})`;
    const recorded = (yield recordProgress(context, operation, { step: 'restart', status: 'Running',
      stepPercent: Math.floor((100 * index) / waves.length), message: `restarting ${at}` })) as ProgressRecorded;
    if (recorded?.holdsLease === false) {
      return fail({ code: 'CASSOPS_LEASE_LOST', message: `The cluster's lease was taken from the restart before ${wave.map((n) => n.name).join(', ')}; it restarted ${done} node(s).` });
    }
    if (spec) {
      const written = firstFailure(yield* all<Result<unknown>>(wave.map((node) => callActivity(context, ACTIVITIES.writeJvmOptions, 'runCommand', { node, spec }))));
      if (written) return fail(written);
    }
    const generations = yield* all<number>(wave.map((node) => callActivity(context, ACTIVITIES.readNodeGeneration, 'cql', { clusterName, node: node.name } satisfies ClusterNodeRef)));
    const script = (name: RunNodeScriptInput['script']) => wave.map((node) => callActivity(context, ACTIVITIES.runNodeScript, 'runCommand', { node, script: name } satisfies RunNodeScriptInput));
    const stopped = firstFailure(yield* all<Result<unknown>>(script('stopCassandra')));
    if (stopped) return fail(stopped);
    if (release) {
      const installed = firstFailure(yield* all<Result<unknown>>(wave.map((node) => callActivity(context, ACTIVITIES.installCassandra, 'runCommand', { node, release }))));
      if (installed) return fail(installed);
    }
    const started = firstFailure(yield* all<Result<unknown>>(script('startCassandra')));
    if (started) return fail(started);
    for (const [i, node] of wave.entries()) {
      const ref: ClusterNodeRef = { clusterName, node: node.name };
      const back = yield* pollUntil<RestartStatus>(context,
        () => callActivity(context, ACTIVITIES.probeNodeRestarted, 'cql', { ...ref, previousGeneration: generations[i]!, ...(release ? { release } : {}) }), (status) => status.ready,
        { timeoutInMs: settings.nodeTimeoutInMs, intervalInMs: settings.pollIntervalInMs },
        (status) => ({ code: 'CASSOPS_NODE_JOIN_TIMEOUT', message: `${node.name} was not back within ${Math.round(settings.nodeTimeoutInMs / 1000)} s `
          + `of its restart, so the restart stopped there (${nodes.length - done - wave.length} node(s) left as they were); last seen: ${status.detail}` }));
      if (!back.ok) return back as Result<void>;
    }
    done += wave.length;
  }
  yield recordProgress(context, operation, { step: 'restart', status: 'Running', stepPercent: 100, message: `${nodes.length} node(s) restarted` });
  return ok(undefined);
}
