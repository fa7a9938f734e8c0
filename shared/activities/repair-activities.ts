import type { AdvanceRepairRunInput, AdvanceRepairRunOutput, RepairRunRef } from '../contracts/repair-io.js';
import type { DeploymentNode } from '../domain/deploy/deployment-plan.js';
import { yieldsTo } from '../domain/operations/operation-kinds.js';
import { leaveOutZeroGrace } from '../domain/repair/leave-out-zero-grace.js';
import { observeRunningSegments } from '../domain/repair/observe-running-segments.js';
import { planRepairSegments } from '../domain/repair/plan-repair-segments.js';
import type { NodeRepairActivity, RepairRunRecord, RingView, SegmentRecord } from '../domain/repair/repair-model.js';
import { applySegmentOutcome, chooseDispatches, markDispatched } from '../domain/repair/schedule-repair.js';
import { dropRepaired } from '../domain/repair/drop-repaired.js';
import { estimateEtaSeconds, summarizeSegments } from '../domain/repair/summarize-segments.js';
import type { ClusterRecord } from '../domain/state/state-records.js';
import { OpsError, isOpsError } from '../errors/ops-error.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { withClusterSession } from './with-cluster-session.js';
import { readNodesUp, requireCluster, sessionTarget } from './cluster-lookup.js';

/** Failures a run keeps on its record, newest first. */
const KEPT_FAILURES = 20;

/**
 * The repair run's activities. The run's truth is in Table storage, segment by segment, so a
 * round repeated after a crash reads what the last one wrote and does nothing twice; nodes are
 * watched over CQL (`system_views.repairs`) and only a batch start or a stop costs a Run Command.
 */
export function createRepairActivities(deps: ActivityDeps) {
  return {
    /** Refuses to start on a cluster with a node down or schema disagreement, naming them. */
    checkRepairReady: async ({ clusterName }: RepairRunRef): Promise<Result<void>> => {
      const nodes = await readNodesUp(deps, await requireCluster(deps, clusterName));
      if (!nodes.ok) return nodes;
      const { view, down } = nodes.value;
      if (down.length > 0) {
        return fail({ code: 'CASSOPS_CLUSTER_UNHEALTHY',
          message: `A repair starts only when every node is up; down: ${down.map((n) => `${n.name} (${n.privateIp})`).join(', ')}.` });
      }
      const versions = new Set(view.hosts.map((h) => h.schemaVersion));
      if (versions.size > 1) return fail({ code: 'CASSOPS_CLUSTER_UNHEALTHY', message: `Schema disagreement: ${versions.size} schema versions.` });
      return ok(undefined);
    },

    /** Reads the ring and stores the run's segments; a run already planned keeps its segments. */
    planRepairRun: async ({ clusterName, runId }: RepairRunRef): Promise<Result<{ segments: number }>> => {
      const run = await requireRun(deps, clusterName, runId);
      const existing = await deps.repairs.listSegments(clusterName, runId);
      if (existing.length > 0) return ok({ segments: existing.length });
      const cluster = await requireCluster(deps, clusterName);
      const ring = await withClusterSession(deps, cluster.plan, sessionTarget(cluster), (s) => s.readRing());
      const unseen = cluster.plan.nodes.filter((n) => !ring.nodes.some((r) => r.address === n.privateIp && r.tokens.length > 0));
      if (unseen.length > 0 || ring.nodes.length !== cluster.plan.nodes.length) {
        return fail({ code: 'CASSOPS_CLUSTER_UNHEALTHY', message: `The ring read over CQL lists ${ring.nodes.length} nodes with tokens`
          + ` for the cluster's ${cluster.plan.nodes.length}${unseen.length > 0 ? `; missing: ${unseen.map((n) => n.name).join(', ')}` : ''}.` });
      }
      let segments: SegmentRecord[];
      try {
        segments = planRepairSegments(ring, leaveOutZeroGrace(ring, request(run)), run.settings).map((s) => ({ ...s, status: 'pending', attempts: 0 }));
      } catch (error) {
        if (error instanceof RangeError) return fail({ code: 'CASSOPS_REQUEST_INVALID', message: error.message });
        throw error;
      }
      await deps.repairs.putSegments(clusterName, runId, segments);
      await deps.repairs.updateRun(clusterName, runId, (r) => ({ ...r, state: 'Running', segmentsTotal: segments.length, segmentsDone: 0,
        updatedAt: new Date().toISOString() }));
      return ok({ segments: segments.length });
    },

    /** One round of the run loop: observe, apply, decide, start. */
    advanceRepairRun: async (input: AdvanceRepairRunInput): Promise<Result<AdvanceRepairRunOutput>> => advance(deps, input),

    /**
     * Marks the run Succeeded and records, per table it covered completely, when its whole range
     * was repaired: as of the run's start, the conservative instant (a tombstone written after a
     * range's segment ran is not yet on every replica).
     */
    recordRepairLedger: async ({ clusterName, runId }: RepairRunRef): Promise<Result<{ tables: number }>> => {
      const run = await requireRun(deps, clusterName, runId);
      const cluster = await requireCluster(deps, clusterName);
      const ring = await withClusterSession(deps, cluster.plan, sessionTarget(cluster), (s) => s.readRing());
      const segments = await deps.repairs.listSegments(clusterName, runId);
      const known = new Map((await deps.repairs.getLedger(clusterName)).map((e) => [`${e.keyspace}.${e.table}`, e]));
      // Every table is in the ledger, repaired or not (a table never repaired, or left out for a
      // gc_grace_seconds of 0, is reported as such); the covered ones get this run's time.
      const entries = ring.keyspaces.flatMap((k) => {
        const mine = segments.filter((s) => s.keyspace === k.name);
        const complete = mine.length > 0 && mine.every((s) => s.status === 'done');
        const asked = new Set(mine.flatMap((s) => s.tables));
        return k.tables.map((t) => {
          const covered = complete && t.gcGraceSeconds > 0 && (asked.size === 0 || asked.has(t.table));
          const before = known.get(`${k.name}.${t.table}`);
          return covered
            ? { clusterName, keyspace: k.name, table: t.table, gcGraceSeconds: t.gcGraceSeconds, lastCompleteRepairAt: run.createdAt, runId }
            : { ...before, clusterName, keyspace: k.name, table: t.table, gcGraceSeconds: t.gcGraceSeconds };
        });
      });
      await deps.repairs.upsertLedger(entries);
      const now = new Date().toISOString();
      await deps.repairs.updateRun(clusterName, runId, (r) => ({ ...r, state: 'Succeeded', running: [], endedAt: now, updatedAt: now }));
      return ok({ tables: entries.filter((e) => e.runId === runId).length });
    },
  };
}

async function advance(deps: ActivityDeps, { clusterName, runId, now }: AdvanceRepairRunInput): Promise<Result<AdvanceRepairRunOutput>> {
  let run = await requireRun(deps, clusterName, runId);
  if (isEnded(run)) return ok(output(run, true, `run ${run.state}`, 0));
  const cluster = await requireCluster(deps, clusterName);
  let segments = await deps.repairs.listSegments(clusterName, runId);
  const nodes = cluster.plan.nodes;
  const activity = await withClusterSession(deps, cluster.plan, sessionTarget(cluster),
    (s) => s.readRepairActivity(nodes.map((n) => n.privateIp)));
  const down = new Set(activity.filter((a) => !a.reachable).map((a) => a.address));
  const changes = new Changes(segments);

  // 1. What the nodes report about the segments handed out.
  const observed = observeRunningSegments(segments, activity, now, run.settings.segmentTimeoutMinutes * 60_000, down, run.settings.intensity);
  for (const [id, startedAt] of observed.commandStarts) changes.set({ ...changes.get(id)!, commandStartedAt: startedAt });
  const timedOut = observed.outcomes.filter((o) => o.kind === 'timedOut').map((o) => changes.get(o.segmentId)!);
  let failure: { segment: SegmentRecord; message: string } | undefined;
  for (const outcome of observed.outcomes) {
    const applied = applySegmentOutcome(changes.all(), outcome, run.settings, now);
    for (const s of applied.changed) changes.set(s);
    for (const id of applied.removed) changes.remove(id);
    if (outcome.kind === 'failed') run = withFailure(run, changes.get(outcome.segmentId) ?? segmentOf(segments, outcome.segmentId), outcome.message, now);
    if (applied.runFailure && !failure) failure = { segment: segmentOf(segments, applied.runFailure.segmentId), message: applied.runFailure.message };
  }
  // A timed-out segment's command is still running on its coordinator: stop it (and its batch, whose rest goes back to pending).
  await stopOn(deps, { cluster, run, now, down }, timedOut.map((s) => s.coordinator!), changes);

  // 2. What the run should do now.
  const lease = await deps.state.readLease(clusterName);
  const topology = lease.holders.find((h) => h.operationId !== runId && yieldsTo('RepairCluster', h.kind));
  let ended: Pick<RepairRunRecord, 'state' | 'error'> | undefined;
  let pausedReason: string | undefined;
  if (failure) {
    const { segment, message } = failure;
    ended = { state: 'Failed', error: { code: 'CASSOPS_REPAIR_SEGMENT_FAILED',
      message: `Segment ${segment.id} of ${segment.keyspace} (${segment.start},${segment.end}] on ${segment.coordinator ?? segment.replicas[0]} failed ${run.settings.maxAttempts} times: ${message}` } };
  } else if (run.desired === 'cancel') {
    ended = { state: 'Cancelled' };
  } else if (down.size > 0) {
    const since = run.nodeDownSince ?? now;
    const names = nodes.filter((n) => down.has(n.privateIp)).map((n) => `${n.name} (${n.privateIp})`).join(', ');
    if (Date.parse(now) - Date.parse(since) > run.settings.nodeDownLimitMinutes * 60_000) {
      ended = { state: 'Failed', error: { code: 'CASSOPS_REPAIR_NODE_DOWN',
        message: `${names} stayed down longer than ${run.settings.nodeDownLimitMinutes} min; the run stopped with ${summarizeSegments(changes.all()).done} segments done.` } };
    } else {
      pausedReason = `node down: ${names}`;
    }
    run = { ...run, nodeDownSince: since };
  } else if (topology) {
    pausedReason = `topology change ${topology.kind} (${topology.operationId}) holds the cluster`;
    run = { ...run, replanNeeded: true };
  } else if (run.desired === 'pause') {
    pausedReason = 'paused by request';
  }
  const running = () => changes.all().filter((s) => s.status === 'running').map((s) => s.coordinator!);
  if (down.size === 0) run = { ...run, nodeDownSince: undefined };

  // Ending or pausing on request stops the segments in flight, as Reaper does: they go back to
  // pending and are repaired whole on resume. A topology change lets them finish.
  if (ended || run.desired === 'pause') await stopOn(deps, { cluster, run, now, down }, running(), changes);
  // After a topology change the segments still in flight finish first: planned again on the new
  // ring, they would be repaired twice.
  if (!ended && !pausedReason && run.replanNeeded && running().length === 0) {
    const ring = await withClusterSession(deps, cluster.plan, sessionTarget(cluster), (s) => s.readRing());
    replan(changes, ring, run);
    run = { ...run, replanNeeded: undefined };
  } else if (!ended && !pausedReason && !run.replanNeeded) {
    await dispatch(deps, nodes, run, changes, activity, now);
  }

  // 3. Record the round.
  await deps.repairs.deleteSegments(clusterName, runId, changes.removedIds());
  await deps.repairs.putSegments(clusterName, runId, changes.changed());
  segments = changes.all();
  const summary = summarizeSegments(segments);
  const allDone = summary.done === segments.length && segments.length > 0;
  const state = ended?.state ?? (pausedReason ? 'Paused' : 'Running');
  run = await deps.repairs.updateRun(clusterName, runId, (r) => ({
    ...r, state, segmentsDone: summary.done, segmentsTotal: segments.length, running: runningOf(segments, nodes),
    failures: run.failures, etaSeconds: estimateEtaSeconds(segments, now), nodeDownSince: run.nodeDownSince, replanNeeded: run.replanNeeded,
    pausedReason, updatedAt: now, ...(ended ? { endedAt: now, running: [], ...(ended.error ? { error: ended.error } : {}) } : {}),
  }));
  if (ended?.error) return fail(ended.error);
  if (ended) return fail({ code: 'CASSOPS_REPAIR_CANCELLED', message: `Repair run ${runId} was cancelled with ${summary.done} of ${segments.length} segments done.` });
  const message = pausedReason ? `paused: ${pausedReason}` : `${summary.done}/${segments.length} segments repaired, ${summary.running} running`;
  return ok(output(run, allDone, message, nextCheckSeconds(segments)));
}

/** Hands out what the scheduler chooses: recorded as running first, so a crash after the start cannot hand the same segment out twice. */
async function dispatch(deps: ActivityDeps, nodes: readonly DeploymentNode[], run: RepairRunRecord, changes: Changes,
  activity: readonly NodeRepairActivity[], now: string): Promise<void> {
  const mine = new Set(changes.all().filter((s) => s.status === 'running').map((s) => s.coordinator));
  const unavailable = new Set(activity.filter((a) => !a.reachable || a.pendingCompactions > run.settings.pendingCompactionsThreshold
    // A node coordinating a repair this run did not start is repairing for someone else: wait, as Reaper does.
    || (a.repairs.some((r) => !r.completed) && !mine.has(a.address))).map((a) => a.address));
  const batches = chooseDispatches(changes.all(), { now, settings: run.settings, unavailable, batchIdPrefix: `${run.runId}-${compact(now)}` });
  for (const batch of batches) {
    for (const id of batch.segmentIds) {
      changes.set({ ...markDispatched(changes.get(id)!, batch, now), commandStartedAt: undefined });
    }
  }
  await deps.repairs.putSegments(run.clusterName, run.runId, changes.changed());
  await Promise.all(batches.map(async (batch) => {
    const node = nodes.find((n) => n.privateIp === batch.coordinator)!;
    const segments = batch.segmentIds.map((id) => changes.get(id)!);
    try {
      const started = await deps.agent.startRepairBatch(node, { runId: run.runId, batchId: batch.batchId, mode: run.settings.mode,
        intensity: run.settings.intensity, segments: segments.map((s) => ({ id: s.id, keyspace: s.keyspace, tables: s.tables, start: s.start, end: s.end })) });
      if (started.ok) return;
    } catch (error) {
      // A busy or throttled VM: the segments go back to pending and the next round tries again.
      if (!isOpsError(error) || !error.retryable) throw error;
    }
    for (const s of segments) changes.set({ ...s, status: 'pending', coordinator: undefined, batchId: undefined, startedAt: undefined });
  }));
}

/** What stopping a run's commands needs: the cluster, the round's instant and settings, the nodes seen down. */
interface StopContext {
  cluster: ClusterRecord;
  run: RepairRunRecord;
  now: string;
  down: ReadonlySet<string>;
}

/**
 * Stops the run on each node named (once per node); the node's running segments go back to
 * pending, without an attempt. A node that is down has nothing left running to stop. A segment
 * may have finished between the round's look at the nodes and the stop: the nodes are looked at
 * again after it, and a segment whose command succeeded counts as done, not as one to repair
 * again on resume.
 */
async function stopOn(deps: ActivityDeps, context: StopContext, addresses: readonly string[], changes: Changes): Promise<void> {
  const { cluster, run, now, down } = context;
  const stopped: string[] = [];
  for (const address of new Set(addresses)) {
    const node = cluster.plan.nodes.find((n) => n.privateIp === address);
    if (!node || down.has(address)) continue;
    const result = await deps.agent.stopRepairs(node, run.runId);
    if (!result.ok) throw new OpsError('CASSOPS_NODE_SCRIPT_FAILED', { message: result.error.message });
    stopped.push(address);
  }
  if (stopped.length > 0) {
    const activity = await withClusterSession(deps, cluster.plan, sessionTarget(cluster), (s) => s.readRepairActivity(stopped));
    const stillRunning = changes.all().filter((s) => s.status === 'running' && stopped.includes(s.coordinator ?? ''));
    const observed = observeRunningSegments(stillRunning, activity, now, run.settings.segmentTimeoutMinutes * 60_000, down, run.settings.intensity);
    for (const outcome of observed.outcomes.filter((o) => o.kind === 'succeeded')) {
      const applied = applySegmentOutcome(changes.all(), outcome, run.settings, now);
      for (const s of applied.changed) changes.set(s);
      for (const id of applied.removed) changes.remove(id);
    }
  }
  for (const address of new Set(addresses)) {
    for (const s of changes.all()) {
      if (s.status === 'running' && s.coordinator === address) {
        changes.set({ ...s, status: 'pending', coordinator: undefined, batchId: undefined, startedAt: undefined, commandStartedAt: undefined });
      }
    }
  }
}

/** After a topology change: the segments not yet done are planned again on the new ring, minus the ranges already repaired. */
function replan(changes: Changes, ring: RingView, run: RepairRunRecord): void {
  const done = changes.all().filter((s) => s.status === 'done');
  for (const s of changes.all()) if (s.status !== 'done') changes.remove(s.id);
  const fresh = dropRepaired(planRepairSegments(ring, leaveOutZeroGrace(ring, request(run)), run.settings), done);
  const taken = new Set(done.map((d) => d.id));
  for (const s of fresh) changes.set({ ...s, id: taken.has(s.id) ? `${s.id}r` : s.id, status: 'pending', attempts: 0 });
}

/** The segments of a round: what was read, with this round's changes and removals, and which of them to write. */
class Changes {
  private readonly current: Map<string, SegmentRecord>;
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  constructor(segments: readonly SegmentRecord[]) {
    this.current = new Map(segments.map((s) => [s.id, s]));
  }
  get(id: string): SegmentRecord | undefined { return this.current.get(id); }
  all(): SegmentRecord[] { return [...this.current.values()]; }
  set(segment: SegmentRecord): void {
    this.current.set(segment.id, segment);
    this.dirty.add(segment.id);
    this.removed.delete(segment.id);
  }
  remove(id: string): void {
    this.current.delete(id);
    this.dirty.delete(id);
    this.removed.add(id);
  }
  /** The written segments, handed out once: the next call returns only what changed since. */
  changed(): SegmentRecord[] {
    const list = [...this.dirty].map((id) => this.current.get(id)!);
    this.dirty.clear();
    return list;
  }
  removedIds(): string[] { return [...this.removed]; }
}

function request(run: RepairRunRecord) {
  return { ...(run.keyspaces ? { keyspaces: run.keyspaces } : {}), ...(run.tables ? { tables: run.tables } : {}) };
}

function withFailure(run: RepairRunRecord, segment: SegmentRecord, message: string, at: string): RepairRunRecord {
  const failure = { segmentId: segment.id, keyspace: segment.keyspace, node: segment.coordinator ?? segment.replicas[0] ?? '',
    start: segment.start, end: segment.end, message, at };
  return { ...run, failures: [failure, ...run.failures].slice(0, KEPT_FAILURES) };
}

function runningOf(segments: readonly SegmentRecord[], nodes: readonly DeploymentNode[]) {
  return segments.filter((s) => s.status === 'running' && s.commandStartedAt).map((s) => ({ segmentId: s.id, keyspace: s.keyspace,
    node: nodes.find((n) => n.privateIp === s.coordinator)?.name ?? s.coordinator!, start: s.start, end: s.end, since: s.commandStartedAt! }));
}

/**
 * Look again at a quarter of the typical segment's duration, at most 15 s: replicas freed by a
 * finished batch wait half a round on average before the next one starts (the scheduler benchmark
 * measures the cost: 15 s keeps a 48-node run within 1.15 of its lower bound, 30 s does not).
 */
function nextCheckSeconds(segments: readonly SegmentRecord[]): number {
  const durations = segments.filter((s) => s.status === 'done' && s.durationMs !== undefined).map((s) => s.durationMs!);
  if (durations.length === 0) return 3;
  const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
  return Math.min(15, Math.max(2, Math.round(mean / 4000)));
}

function output(run: RepairRunRecord, finished: boolean, message: string, nextCheck: number): AdvanceRepairRunOutput {
  return { state: run.state, finished, segmentsDone: run.segmentsDone, segmentsTotal: run.segmentsTotal, message, nextCheckSeconds: nextCheck };
}

function isEnded(run: RepairRunRecord): boolean {
  return run.state === 'Succeeded' || run.state === 'Failed' || run.state === 'Cancelled';
}

function segmentOf(segments: readonly SegmentRecord[], id: string): SegmentRecord {
  return segments.find((s) => s.id === id) ?? { id, keyspace: '?', tables: [], start: '?', end: '?', replicas: [], replicaSetKey: '',
    status: 'failed', attempts: 0 };
}

function compact(iso: string): string {
  return iso.replace(/[-:.TZ]/g, '').slice(0, 17);
}

async function requireRun(deps: ActivityDeps, clusterName: string, runId: string): Promise<RepairRunRecord> {
  const run = await deps.repairs.getRun(clusterName, runId);
  if (!run) throw new OpsError('CASSOPS_REPAIR_NOT_FOUND', { message: `Cluster ${clusterName} has no repair run ${runId}.` });
  return run;
}

