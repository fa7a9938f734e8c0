import type { RepairSegment } from './repair-model.js';
import { parseToken, tokenAfter, tokenRangeWidth } from './token-range.js';

/**
 * Halves a segment at the midpoint of its range (clockwise from its start, so a range that wraps
 * past the largest token splits where its tokens are, not at zero); the halves `${id}a` and
 * `${id}b` tile the parent exactly, with the parent's keyspace, tables and replicas. Undefined
 * when the range holds no more than `minSegmentTokens` tokens: a range that small is not what
 * makes a repair slow.
 */
export function splitSegment(segment: RepairSegment, minSegmentTokens: string): [RepairSegment, RepairSegment] | undefined {
  const start = parseToken(segment.start);
  const width = tokenRangeWidth(start, parseToken(segment.end));
  // A one-token range has no midpoint: its "half" (start, start] would be the whole ring.
  if (width <= BigInt(minSegmentTokens) || width < 2n) return undefined;
  const middle = tokenAfter(start, width / 2n).toString();
  const { id, keyspace, tables, replicas, replicaSetKey } = segment;
  return [
    { id: `${id}a`, keyspace, tables, start: segment.start, end: middle, replicas, replicaSetKey },
    { id: `${id}b`, keyspace, tables, start: middle, end: segment.end, replicas, replicaSetKey },
  ];
}
