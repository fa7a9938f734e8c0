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
 * (nothing to stream, so nothing to serialize): every node is started at once, seeds first, in
 * batches of `nodeConcurrency`; each non-seed's start waits on its VM until a seed answers on the
 * gossip port (a non-seed that finds no seed answering gossip gives up after ring delay), so no
 * second round of Run Commands waits on the seeds joining. Done when every node is UN with schema
 * agreement, else CASSOPS_NODE_JOIN_TIMEOUT with what the probe saw last. Starting and probing
 * are idempotent, so a re-run after a crash resumes; a node that already joined keeps the tokens
 * stored in its system.local.
 */
export function* firstBootNodes(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<DeployPhaseInput>();
  const seeds = input.plan.nodes.filter((node) => node.isSeed);
  const waitForSeeds = seeds.map((node) => node.privateIp);
  const starts = [...seeds.map((node) => ({ node })), ...input.plan.nodes.filter((node) => !node.isSeed).map((node) => ({ node, waitForSeeds }))];
  const started = yield* startNodes(context, input, starts);
  if (!started.ok) return started;
  return yield* waitUntilAllJoined(context, input, input.plan.nodes, 100);
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

/** Polls every pending node on durable timers until each is UN seeing all `nodes` with one schema, or the deadline. */
function* waitUntilAllJoined(context: OrchestrationContextLike, input: DeployPhaseInput, nodes: DeploymentNode[],
  stepPercent: number): Orchestration<Result<void>> {
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
