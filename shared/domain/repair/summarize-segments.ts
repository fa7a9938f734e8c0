import type { SegmentRecord, SegmentStatus } from './repair-model.js';
import { isRangeCovered } from './token-range.js';

/** A run's segments counted by status. */
export type SegmentSummary = Record<SegmentStatus, number>;

export function summarizeSegments(segments: readonly SegmentRecord[]): SegmentSummary {
  const summary: SegmentSummary = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const s of segments) summary[s.status]++;
  return summary;
}

/**
 * Seconds left at the pace so far: the segments not done, at the mean duration of the finished
 * ones, spread over as many segments at once as run now (at least one). Undefined until one finished.
 */
export function estimateEtaSeconds(segments: readonly SegmentRecord[]): number | undefined {
  const durations = segments.filter((s) => s.status === 'done' && s.durationMs !== undefined).map((s) => s.durationMs!);
  if (durations.length === 0) return undefined;
  const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
  const { pending, running } = summarizeSegments(segments);
  const parallel = Math.max(1, new Set(segments.filter((s) => s.status === 'running').map((s) => s.replicaSetKey)).size);
  return Math.round(((pending + running) * mean) / parallel / 1000);
}

/** Whether finished segments of the same keyspace already cover every token of `segment` (after a replan on a new ring). */
export function doneRangesCover(done: readonly SegmentRecord[], segment: { start: string; end: string }): boolean {
  return done.length > 0 && isRangeCovered(segment, done);
}
