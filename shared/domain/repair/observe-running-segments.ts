import type { NodeRepairActivity, RepairCommandRow, SegmentOutcome, SegmentRecord } from './repair-model.js';
import { restAfterMs } from './schedule-repair.js';

/**
 * How long a batch may show no sign of life past its runner's rest (no command running, none
 * finished) before its unstarted segments count as abandoned: nodetool starts in seconds.
 */
export const BATCH_SILENCE_MS = 60_000;

/** What the watch saw: outcomes to apply, and the start of each segment whose command is running. */
export interface Observation {
  outcomes: SegmentOutcome[];
  commandStarts: Map<string, string>;
}

/**
 * Matches the run's running segments to the repair commands their coordinators report: the
 * newest command of the segment's keyspace, range and tables started after it was handed out.
 * A finished command is the segment's outcome (a failure while a replica is down does not count
 * as an attempt: the run pauses for the node instead); one running past the timeout has timed
 * out. A segment with no command is waiting its turn in its batch until the batch has been
 * silent for BATCH_SILENCE_MS after its last command and the rest that follows it (`intensity`):
 * its runner is gone (a restarted node, a lost start).
 */
export function observeRunningSegments(segments: readonly SegmentRecord[], activity: readonly NodeRepairActivity[], now: string,
  timeoutMs: number, downNodes: ReadonlySet<string>, intensity: number): Observation {
  const byNode = new Map(activity.map((a) => [a.address, a]));
  const outcomes: SegmentOutcome[] = [];
  const commandStarts = new Map<string, string>();
  const lastSign = new Map<string, number>();
  const waiting: SegmentRecord[] = [];
  const at = Date.parse(now);
  for (const segment of segments) {
    if (segment.status !== 'running' || !segment.coordinator) continue;
    const node = byNode.get(segment.coordinator);
    if (!node?.reachable) continue;
    const command = commandOf(segment, node.repairs);
    const batch = segment.batchId ?? segment.id;
    const handedOut = Date.parse(segment.startedAt ?? now);
    lastSign.set(batch, Math.max(lastSign.get(batch) ?? handedOut, handedOut));
    if (!command) { waiting.push(segment); continue; }
    const started = Date.parse(command.startedAt);
    if (!command.completed) {
      commandStarts.set(segment.id, command.startedAt);
      lastSign.set(batch, Number.POSITIVE_INFINITY);
      if (at - started > timeoutMs) outcomes.push({ segmentId: segment.id, kind: 'timedOut' });
      continue;
    }
    const duration = command.durationMs ?? 0;
    lastSign.set(batch, Math.max(lastSign.get(batch)!, started + duration + restAfterMs(duration, intensity)));
    if (command.status === 'success') outcomes.push({ segmentId: segment.id, kind: 'succeeded', durationMs: command.durationMs ?? 0 });
    else if (segment.replicas.some((r) => downNodes.has(r))) outcomes.push({ segmentId: segment.id, kind: 'abandoned' });
    else outcomes.push({ segmentId: segment.id, kind: 'failed', message: command.failureCause ?? `repair ended with status ${command.status}` });
  }
  for (const segment of waiting) {
    if (at - lastSign.get(segment.batchId ?? segment.id)! > BATCH_SILENCE_MS) outcomes.push({ segmentId: segment.id, kind: 'abandoned' });
  }
  return { outcomes, commandStarts };
}

/** The newest command for the segment's range started after the segment was handed out (a little clock skew allowed). */
function commandOf(segment: SegmentRecord, commands: readonly RepairCommandRow[]): RepairCommandRow | undefined {
  const range = `(${segment.start},${segment.end}]`;
  const tables = [...segment.tables].sort().join(',');
  const since = Date.parse(segment.startedAt ?? '1970-01-01T00:00:00Z') - 5_000;
  return commands
    .filter((c) => c.keyspace === segment.keyspace && c.ranges.length === 1 && c.ranges[0] === range && c.tables.join(',') === tables
      && Date.parse(c.startedAt) >= since)
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];
}
