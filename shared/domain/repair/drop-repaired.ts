import type { RepairSegment, SegmentRecord } from './repair-model.js';
import { parseToken, unwrapRange } from './token-range.js';

type Interval = [bigint, bigint];

/**
 * The segments of a new plan (after a topology change forced a replan) that still need repairing:
 * those not wholly inside the ranges already repaired by done records of the same keyspace that
 * repaired at least the segment's tables (all tables, or a superset of its tables). A segment
 * only partly covered is kept whole: repairing a range twice is harmless, skipping one is not.
 */
export function dropRepaired(segments: readonly RepairSegment[], records: readonly SegmentRecord[]): RepairSegment[] {
  const done = records.filter((r) => r.status === 'done');
  const covered = new Map<string, Interval[]>();
  return segments.filter((segment) => {
    const key = `${segment.keyspace}\n${segment.tables.join(',')}`;
    let intervals = covered.get(key);
    if (!intervals) covered.set(key, intervals = merge(done.filter((r) => repairedFor(r, segment)).flatMap(intervalsOf)));
    return !intervalsOf(segment).every(([lo, hi]) => isInside(intervals, lo, hi));
  });
}

/** Whether a done record repaired every table the segment repairs. */
function repairedFor(record: SegmentRecord, segment: RepairSegment): boolean {
  if (record.keyspace !== segment.keyspace) return false;
  if (record.tables.length === 0) return true;
  return segment.tables.length > 0 && segment.tables.every((t) => record.tables.includes(t));
}

function intervalsOf(range: { start: string; end: string }): Interval[] {
  return unwrapRange(parseToken(range.start), parseToken(range.end));
}

/** Sorted, overlapping or touching intervals joined. */
function merge(intervals: Interval[]): Interval[] {
  const sorted = intervals.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: Interval[] = [];
  for (const [lo, hi] of sorted) {
    const last = merged.at(-1);
    if (last && lo <= last[1]) last[1] = hi > last[1] ? hi : last[1];
    else merged.push([lo, hi]);
  }
  return merged;
}

/** Whether (lo, hi] lies inside one of the merged intervals (binary search on their starts). */
function isInside(merged: readonly Interval[], lo: bigint, hi: bigint): boolean {
  let left = 0;
  let right = merged.length - 1;
  while (left <= right) {
    const middle = (left + right) >> 1;
    if (merged[middle]![0] <= lo) left = middle + 1;
    else right = middle - 1;
  }
  const candidate = merged[right];
  return candidate !== undefined && hi <= candidate[1];
}
