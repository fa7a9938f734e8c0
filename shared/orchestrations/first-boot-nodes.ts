import { ACTIVITIES } from '../contracts/names.js';
import type { DeployPhaseInput, OperationRef, ProbeNodeJoinedInput, RunNodeScriptInput } from '../contracts/activity-io.js';
import type { NodeJoinStatus } from '../domain/ports/cql-port.js';
import { clusterRefOf, type ClusterRef, type DeploymentNode } from '../domain/deploy/deployment-plan.js';
import { fail, ok, type Result } from '../errors/result.js';
import { callActivity, firstFailure } from './kit/call-activity.js';
import { recordProgress } from './kit/record-progress.js';
import { runInBatches } from './kit/run-in-batches.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * First boot of a brand-new cluster whose nodes all carry planned tokens and skip bootstrap
 * (nothing to stream, so nothing to serialize). Each node's cloud-init starts it as soon as its
 * VM is up (seeds at once, the others once a seed answers gossip: see renderFirstBootScript), so
 * this only watches: done when every node is UN with schema agreement, else
 * CASSOPS_NODE_JOIN_TIMEOUT with what the probe saw last. No start Run Command is spent (20 s or
 * more each on Azure, and a write-throttle token), except for a node still not UN half-way to the
 * deadline: a VM made before its cloud-init started nodes, or whose first boot failed, gets the
 * start the earlier version gave every node. Probing and starting are idempotent, so a re-run
 * after a crash resumes; a node that already joined keeps the tokens stored in its system.local.
 */
export function* firstBootNodes(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<DeployPhaseInput>();
  const startAt = context.df.currentUtcDateTime.getTime() + input.settings.joinTimeoutInMs / 2;
  return yield* waitUntilAllJoined(context, input, input.plan.nodes, 100,
    { at: startAt, start: (pending) => startNodes(context, input, startsOf(input.plan.nodes, pending)) });
}

/**
 * Version 2, still registered for deployCluster_v4 instances: every node is started by Run
 * Command at once, seeds first, in batches of `nodeConcurrency`; each non-seed's start waits on
 * its VM until a seed answers on the gossip port.
 */
export function* firstBootNodesV2(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<DeployPhaseInput>();
  const started = yield* startNodes(context, input, startsOf(input.plan.nodes, input.plan.nodes));
  if (!started.ok) return started;
  return yield* waitUntilAllJoined(context, input, input.plan.nodes, 100);
}

/** Start Run Commands for `nodes`, seeds first; a non-seed's waits until one of the cluster's seeds answers gossip. */
function startsOf(all: DeploymentNode[], nodes: DeploymentNode[]): Omit<RunNodeScriptInput, 'script'>[] {
  const waitForSeeds = all.filter((node) => node.isSeed).map((node) => node.privateIp);
  return [...nodes.filter((node) => node.isSeed).map((node) => ({ node })), ...nodes.filter((node) => !node.isSeed).map((node) => ({ node, waitForSeeds }))];
}

/**
 * Version 1, still registered for deployments started before version 2: every seed starts at
 * once, then, once the seeds are UN and see each other, every other node at once.
 */
export function* firstBootNodesV1(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<DeployPhaseInput>();
  const seeds = input.plan.nodes.filter((node) => node.isSeed);
  const others = input.plan.nodes.filter((node) => !node.isSeed);
  // The second wait covers the seeds too: the whole ring must agree, not just the nodes just started.
  const phases = [{ start: seeds, waitFor: seeds, percent: 50 }, { start: others, waitFor: input.plan.nodes, percent: 100 }];
  for (const phase of phases) {
    if (phase.start.length === 0) continue;
    const started = yield* startNodes(context, input, phase.start.map((node) => ({ node })));
    if (!started.ok) return started;
    const joined = yield* waitUntilAllJoined(context, input, phase.waitFor, phase.percent);
    if (!joined.ok) return joined;
  }
  return ok(undefined);
}

function* startNodes(context: OrchestrationContextLike, input: DeployPhaseInput, nodes: Omit<RunNodeScriptInput, 'script'>[]): Orchestration<Result<void>> {
  const starts = nodes.map((start) => () =>
    callActivity(context, ACTIVITIES.runNodeScript, 'runCommand', { ...start, script: 'startCassandra' } satisfies RunNodeScriptInput));
  const results = yield* runInBatches<Result<unknown>>(context, starts, Math.max(1, input.settings.nodeConcurrency));
  const failed = firstFailure(results);
  return failed ? fail(failed) : ok(undefined);
}

/** Starts nodes still pending at a time: once, with the nodes not yet UN. */
interface LateStart {
  at: number;
  start: (pending: DeploymentNode[]) => Orchestration<Result<void>>;
}

/**
 * Polls every pending node on durable timers until each is UN seeing all `nodes` with one schema,
 * or the deadline; at `lateStart.at`, if given, starts the nodes still pending.
 */
function* waitUntilAllJoined(context: OrchestrationContextLike, input: DeployPhaseInput, nodes: DeploymentNode[],
  stepPercent: number, lateStart?: LateStart): Orchestration<Result<void>> {
  const { settings } = input;
  const cluster = clusterRefOf(input.plan);
  const deadline = context.df.currentUtcDateTime.getTime() + settings.joinTimeoutInMs;
  let pending = nodes;
  for (;;) {
    const probes = pending.map((node) => () => probe(context, cluster, node, nodes.length));
    const statuses = yield* runInBatches<NodeJoinStatus>(context, probes, Math.max(1, settings.nodeConcurrency));
    const isJoined = (i: number) => statuses[i]?.isUpNormal === true && statuses[i]?.schemaAgrees === true;
    const joined = pending.filter((_, i) => isJoined(i));
    if (joined.length > 0) yield context.df.Task.all(joined.map((node) => recordJoined(context, input.operation, node, stepPercent)));
    const stillPending = pending.filter((_, i) => !isJoined(i));
    if (stillPending.length === 0) return ok(undefined);
    const now = context.df.currentUtcDateTime.getTime();
    if (lateStart && now >= lateStart.at) {
      const started = yield* lateStart.start(stillPending);
      if (!started.ok) return started;
      lateStart = undefined;
    }
    if (now >= deadline) {
      const last = statuses[pending.indexOf(stillPending[0]!)]?.detail ?? 'no answer';
      return fail({ code: 'CASSOPS_NODE_JOIN_TIMEOUT', message: `${stillPending.map((n) => n.name).join(', ')} not UN with schema `
        + `agreement within ${Math.round(settings.joinTimeoutInMs / 1000)} s; last seen on ${stillPending[0]!.name}: ${last}` });
    }
    pending = stillPending;
    yield context.df.createTimer(new Date(Math.min(deadline, now + settings.joinPollIntervalInMs)));
  }
}

function probe(context: OrchestrationContextLike, cluster: ClusterRef, node: DeploymentNode, expectedNodes: number) {
  return callActivity(context, ACTIVITIES.probeNodeJoined, 'cql', { cluster, node, expectedNodes } satisfies ProbeNodeJoinedInput);
}

function recordJoined(context: OrchestrationContextLike, operation: OperationRef, node: DeploymentNode, stepPercent: number) {
  return recordProgress(context, operation, { step: 'join', status: 'Running', stepPercent, message: `${node.name} is UN, schema agrees`,
    node: { clusterName: operation.clusterName, node, state: 'Joined' } });
}
