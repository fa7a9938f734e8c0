import type { RepairSettings, SegmentOutcome, SegmentRecord } from './repair-model.js';
import { splitSegment } from './split-segment.js';

/** Segments handed to one coordinator at once: one Run Command starts them, run in order. */
export interface Dispatch {
  batchId: string;
  coordinator: string;
  segmentIds: string[];
}

/** What the scheduler knows besides the segments. */
export interface DispatchContext {
  now: string;
  settings: RepairSettings;
  /** Nodes down, over the compaction threshold, or repairing outside this run. */
  unavailable: ReadonlySet<string>;
  /** Batch ids are `${batchIdPrefix}-${n}`, n from 1; the caller makes the prefix unique per call. */
  batchIdPrefix: string;
}

/** How long a node rests after a segment of `durationMs`, so it repairs `intensity` of the time. */
export function restAfterMs(durationMs: number, intensity: number): number {
  return (durationMs * (1 - intensity)) / intensity;
}

interface ReplicaSet {
  replicas: string[];
  /** Where its first segment is in the input: the tie-break that keeps choices deterministic. */
  order: number;
  /** Pending segments due now, in the order given. */
  ready: SegmentRecord[];
  /** Its pending and running segments: the work its nodes still owe. */
  unfinished: number;
}

/**
 * The batches to start now. Invariants: no node is a replica of two running segments (a running
 * segment occupies all its replicas, so a batch holds segments of one replica set and the
 * coordinator runs them one after another); no segment starts on a node in `unavailable`, before
 * its `notBefore`, or while one of its replicas rests after its most recent finished segment
 * (`restAfterMs`; the batch runner rests by the same rule between its own segments).
 * Replica sets whose busiest node owes the most segments go first (ties: the next busiest node,
 * and so on): the busiest node's total is what bounds the run, so it must not wait for work
 * while another set takes its partners. The coordinator is one of the replicas picked
 * by a hash of the batch's first segment id, which spreads the coordinator's extra work (and the
 * Run Commands) evenly without reading history. Done segments matter only for rests, so at
 * intensity 1 they may be left out. Deterministic: the same records and context give the same
 * dispatches.
 */
export function chooseDispatches(segments: readonly SegmentRecord[], ctx: DispatchContext): Dispatch[] {
  const now = Date.parse(ctx.now);
  const blocked = new Set(ctx.unavailable);
  const sets = groupReplicaSets(segments, now, blocked);
  if (ctx.settings.intensity < 1) for (const node of restingNodes(segments, now, ctx.settings.intensity)) blocked.add(node);
  const owed = new Map<string, { count: number }>();
  for (const set of sets) {
    for (const node of set.replicas) {
      const entry = owed.get(node);
      if (entry) entry.count += set.unfinished;
      else owed.set(node, { count: set.unfinished });
    }
  }
  const candidates: { set: ReplicaSet; load: number[] }[] = [];
  for (const set of sets) {
    if (set.ready.length === 0 || isAnyIn(set.replicas, blocked)) continue;
    candidates.push({ set, load: set.replicas.map((node) => owed.get(node)!.count).sort((a, b) => b - a) });
  }
  candidates.sort((a, b) => compareLoads(a.load, b.load) || a.set.order - b.set.order);
  const dispatches: Dispatch[] = [];
  for (const { set } of candidates) {
    if (isAnyIn(set.replicas, blocked)) continue;
    for (const node of set.replicas) blocked.add(node);
    const segmentIds = set.ready.slice(0, ctx.settings.batchSize).map((s) => s.id);
    const coordinator = set.replicas[hashOf(segmentIds[0]!) % set.replicas.length]!;
    dispatches.push({ batchId: `${ctx.batchIdPrefix}-${dispatches.length + 1}`, coordinator, segmentIds });
  }
  return dispatches;
}

/** Pending and running segments by replica set; adds the replicas of running ones to `busy`. */
function groupReplicaSets(segments: readonly SegmentRecord[], now: number, busy: Set<string>): ReplicaSet[] {
  const sets = new Map<string, ReplicaSet>();
  let lastKey: string | undefined;
  let set: ReplicaSet | undefined;
  for (let order = 0; order < segments.length; order++) {
    const segment = segments[order]!;
    if (segment.status !== 'pending' && segment.status !== 'running') continue;
    // A plan lists a vnode range's pieces together, so most segments are in the previous one's set.
    if (segment.replicaSetKey !== lastKey) {
      lastKey = segment.replicaSetKey;
      set = sets.get(lastKey);
      if (!set) sets.set(lastKey, set = { replicas: segment.replicas, order, ready: [], unfinished: 0 });
    }
    set!.unfinished++;
    if (segment.status === 'running') for (const node of segment.replicas) busy.add(node);
    else if (segment.notBefore === undefined || Date.parse(segment.notBefore) <= now) set!.ready.push(segment);
  }
  return [...sets.values()];
}

/** Heavier first: the busiest replicas compared first, then the next busiest, and so on. */
function compareLoads(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return b.length - a.length;
}

function isAnyIn(nodes: readonly string[], blocked: ReadonlySet<string>): boolean {
  for (const node of nodes) if (blocked.has(node)) return true;
  return false;
}

/** FNV-1a: a stable, well-spread hash of a short string. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Nodes still resting after their most recent finished segment. */
function restingNodes(segments: readonly SegmentRecord[], now: number, intensity: number): string[] {
  const last = new Map<string, { endedAt: number; until: number }>();
  for (const segment of segments) {
    if (segment.status !== 'done' || segment.endedAt === undefined || segment.durationMs === undefined) continue;
    const endedAt = Date.parse(segment.endedAt);
    const until = endedAt + restAfterMs(segment.durationMs, intensity);
    for (const node of segment.replicas) {
      const before = last.get(node);
      if (!before || before.endedAt < endedAt) last.set(node, { endedAt, until });
    }
  }
  return [...last].filter(([, rest]) => rest.until > now).map(([node]) => node);
}

/** A segment's record once its dispatch is handed to the coordinator: running, in that batch. */
export function markDispatched(segment: SegmentRecord, dispatch: Dispatch, now: string): SegmentRecord {
  return { ...segment, status: 'running', coordinator: dispatch.coordinator, batchId: dispatch.batchId, startedAt: now };
}

export interface OutcomeChanges {
  changed: SegmentRecord[];
  removed: string[];
  runFailure?: { segmentId: string; message: string };
}

const BACKOFF_BASE_MS = 60_000;
const BACKOFF_CAP_MS = 30 * 60_000;

/**
 * Applies an outcome to its running segment. Succeeded: done, with its duration and end time.
 * Failed: one more attempt, pending again after a backoff of 1 min × 2^(attempts-1), at most
 * 30 min; at `maxAttempts` attempts the segment is failed and `runFailure` carries Cassandra's
 * message. Timed out: replaced by its two halves (pending, attempts 0, `splitFrom` set), or,
 * once below `minSegmentTokens`, a failure like any other. Abandoned: pending again, no attempt
 * counted (it never ran). An outcome for a segment that is not running (a replayed report, a
 * segment already split) changes nothing, so applying one twice is harmless.
 */
export function applySegmentOutcome(
  segments: readonly SegmentRecord[], outcome: SegmentOutcome, settings: RepairSettings, now: string,
): OutcomeChanges {
  const segment = segments.find((s) => s.id === outcome.segmentId);
  if (segment?.status !== 'running') return { changed: [], removed: [] };
  switch (outcome.kind) {
    case 'succeeded':
      return { changed: [{ ...segment, status: 'done', endedAt: now, durationMs: outcome.durationMs }], removed: [] };
    case 'abandoned':
      return { changed: [backToPending(segment)], removed: [] };
    case 'failed':
      return failure(segment, outcome.message, settings, now);
    case 'timedOut': {
      const halves = splitSegment(segment, settings.minSegmentTokens);
      if (!halves) {
        const message = `timed out after ${settings.segmentTimeoutMinutes} min and is below the split floor`;
        return failure(segment, message, settings, now);
      }
      const changed = halves.map((half): SegmentRecord => ({ ...half, status: 'pending', attempts: 0, splitFrom: segment.id }));
      return { changed, removed: [segment.id] };
    }
  }
}

function failure(segment: SegmentRecord, message: string, settings: RepairSettings, now: string): OutcomeChanges {
  const attempts = segment.attempts + 1;
  if (attempts >= settings.maxAttempts) {
    return {
      changed: [{ ...segment, status: 'failed', attempts, lastError: message, endedAt: now }], removed: [],
      runFailure: { segmentId: segment.id, message },
    };
  }
  const backoffMs = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1));
  const notBefore = new Date(Date.parse(now) + backoffMs).toISOString();
  return { changed: [{ ...backToPending(segment), attempts, lastError: message, notBefore }], removed: [] };
}

/** Pending again: no longer tied to a coordinator or batch. */
function backToPending(segment: SegmentRecord): SegmentRecord {
  const { coordinator: _coordinator, batchId: _batchId, startedAt: _startedAt, ...rest } = segment;
  return { ...rest, status: 'pending' };
}
