import { SEGMENT_STATUSES, type SegmentRecord, type SegmentStatus } from './repair-model.js';

/** A run's segments counted by status, and the share done (1 when there is nothing to repair). */
export type SegmentSummary = Record<SegmentStatus, number> & { total: number; doneFraction: number };

/** Counts a run's segments by status. */
export function summarizeSegments(segments: readonly SegmentRecord[]): SegmentSummary {
  const counts = Object.fromEntries(SEGMENT_STATUSES.map((status) => [status, 0])) as Record<SegmentStatus, number>;
  for (const segment of segments) counts[segment.status]++;
  return { ...counts, total: segments.length, doneFraction: segments.length === 0 ? 1 : counts.done / segments.length };
}

/**
 * Seconds left at the pace so far: the segments not done times their mean duration, divided by
 * the parallelism observed (repair time done per wall-clock time since the first segment
 * started). Rests, waits for busy replicas and pauses all slow the pace, so they are counted.
 * Undefined until a segment has finished.
 */
export function estimateEtaSeconds(segments: readonly SegmentRecord[], now: string): number | undefined {
  let firstStart = Infinity;
  let done = 0;
  let doneMs = 0;
  let left = 0;
  for (const segment of segments) {
    if (segment.startedAt !== undefined) firstStart = Math.min(firstStart, Date.parse(segment.startedAt));
    if (segment.status === 'done' && segment.durationMs !== undefined) {
      done++;
      doneMs += segment.durationMs;
    } else if (segment.status === 'pending' || segment.status === 'running') left++;
  }
  const elapsedMs = Date.parse(now) - firstStart;
  if (done === 0 || doneMs === 0 || !(elapsedMs > 0)) return undefined;
  const parallelism = doneMs / elapsedMs;
  return Math.round((left * (doneMs / done)) / parallelism / 1000);
}
