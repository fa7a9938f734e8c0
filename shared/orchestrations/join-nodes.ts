import { ACTIVITIES } from '../contracts/names.js';
import type { DeployPhaseInput, JoinNodesInput, ProbeNodeJoinedInput, RunNodeScriptInput } from '../contracts/activity-io.js';
import type { NodeJoinStatus } from '../domain/ports/cql-port.js';
import { clusterRefOf, type ClusterRef, type DeploymentNode } from '../domain/deploy/deployment-plan.js';
import { ok, type Result } from '../errors/result.js';
import { callActivity } from './kit/call-activity.js';
import { pollUntil } from './kit/poll-until.js';
import { recordProgress, type ProgressOptions } from './kit/record-progress.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * Joins the nodes in planned order, strictly one at a time (Cassandra must not bootstrap two
 * nodes at once): start Cassandra through the node agent, then poll Cassandra's own view over
 * CQL on durable timers until the node is UN and schema agrees, or fail with
 * CASSOPS_NODE_JOIN_TIMEOUT and the last thing the probe saw.
 */
export function* joinNodes(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operation, plan, settings, nodesBefore = 0, newDatacenters = [] } = context.df.getInput<JoinNodesInput>();
  const ordered = [...plan.nodes].sort((a, b) => a.joinOrder - b.joinOrder);
  // A node's "Joined" record is written beside the next node's start, not before it: the next
  // bootstrap waits only for Cassandra's own view of the ring, never for the bookkeeping.
  let joinedRecord: ProgressOptions | undefined;
  for (const [index, node] of ordered.entries()) {
    const records = [...(joinedRecord ? [recordProgress(context, operation, joinedRecord)] : []),
      recordProgress(context, operation, { step: 'join', status: 'Running', stepPercent: Math.round((100 * index) / ordered.length),
        message: `starting ${node.name} (${node.dc}/${node.rack})` })];
    const start = callActivity(context, ACTIVITIES.runNodeScript, 'runCommand', { node, script: 'startCassandra' } satisfies RunNodeScriptInput);
    const started = ((yield context.df.Task.all([...records, start])) as Result<unknown>[])[records.length] as Result<unknown>;
    if (!started.ok) return started as Result<void>;
    const joined = yield* waitUntilJoined(context, clusterRefOf(plan), node, nodesBefore + index + 1, settings, newDatacenters.includes(node.dc));
    if (!joined.ok) return joined;
    joinedRecord = { step: 'join', status: 'Running', stepPercent: Math.round((100 * (index + 1)) / ordered.length), message: `${node.name} is UN, schema agrees`, node: { clusterName: plan.clusterName, node, state: 'Joined' } };
  }
  if (joinedRecord) yield recordProgress(context, operation, joinedRecord);
  return ok(undefined);
}

function* waitUntilJoined(context: OrchestrationContextLike, cluster: ClusterRef, node: DeploymentNode, expectedNodes: number,
  settings: DeployPhaseInput['settings'], inNewDatacenter: boolean): Orchestration<Result<void>> {
  const probe: ProbeNodeJoinedInput = { cluster, node, expectedNodes };
  // A new datacenter's node takes no login before its rebuild brings system_auth: the ring is asked instead.
  const ask = () => (inNewDatacenter ? callActivity(context, ACTIVITIES.probeNodeInRing, 'cql', { clusterName: cluster.clusterName, node })
    : callActivity(context, ACTIVITIES.probeNodeJoined, 'cql', probe));
  const joined = yield* pollUntil<NodeJoinStatus>(context, ask,
    (status) => status.isUpNormal && status.schemaAgrees, { timeoutInMs: settings.joinTimeoutInMs, intervalInMs: settings.joinPollIntervalInMs },
    (status) => ({ code: 'CASSOPS_NODE_JOIN_TIMEOUT',
      message: `${node.name} was not UN with schema agreement within ${Math.round(settings.joinTimeoutInMs / 1000)} s; last seen: ${status.detail}` }));
  return joined.ok ? ok(undefined) : joined;
}
