/**
 * Arithmetic on Murmur3 token ranges (start, end]: tokens are signed 64-bit integers held as
 * decimal strings, and a range may wrap past the largest token back to the smallest.
 */

/** The number of tokens on the ring: 2^64. */
export const RING_SIZE = 2n ** 64n;
const MIN_TOKEN = -(2n ** 63n);
const MAX_TOKEN = 2n ** 63n - 1n;

/** A token range (start, end]; start = end is the whole ring, as Cassandra reads it. */
export interface TokenRange {
  start: string;
  end: string;
}

/** Parses a token; throws a RangeError for text that is not a Murmur3 token. */
export function parseToken(text: string): bigint {
  const token = /^-?\d{1,19}$/.test(text) ? BigInt(text) : undefined;
  if (token === undefined || token < MIN_TOKEN || token > MAX_TOKEN) throw new RangeError(`"${text}" is not a Murmur3 token`);
  return token;
}

/** The token `offset` tokens clockwise of `token`, wrapping around the ring. */
export function tokenAfter(token: bigint, offset: bigint): bigint {
  const moved = token + offset;
  return moved > MAX_TOKEN ? moved - RING_SIZE : moved;
}

/** How many tokens (start, end] holds: 1 … 2^64 (start = end is the whole ring). */
export function tokenRangeWidth(start: bigint, end: bigint): bigint {
  const width = end - start;
  return width > 0n ? width : width + RING_SIZE;
}

/**
 * Whether `ranges` together hold every token of `range` (overlaps allowed). Each range is laid
 * out as offsets clockwise from `range.start`, so a wrapping range becomes at most two plain
 * intervals and the check is a sweep over them sorted.
 */
export function isRangeCovered(range: TokenRange, ranges: readonly TokenRange[]): boolean {
  const origin = parseToken(range.start);
  const width = tokenRangeWidth(origin, parseToken(range.end));
  // Token positions 1 … 2^64 clockwise of the origin; a range (s, e] holds positions a+1 … a+w.
  const intervals: [bigint, bigint][] = [];
  for (const other of ranges) {
    const start = parseToken(other.start);
    const from = (start - origin + RING_SIZE) % RING_SIZE + 1n;
    const to = from - 1n + tokenRangeWidth(start, parseToken(other.end));
    if (to <= RING_SIZE) intervals.push([from, to]);
    else intervals.push([from, RING_SIZE], [1n, to - RING_SIZE]);
  }
  intervals.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let covered = 0n;
  for (const [from, to] of intervals) {
    if (from > covered + 1n) break;
    if (to > covered) covered = to;
    if (covered >= width) return true;
  }
  return covered >= width;
}
