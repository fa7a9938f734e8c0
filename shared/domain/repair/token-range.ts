/**
 * Arithmetic on Murmur3 token ranges (start, end]: tokens are signed 64-bit integers held as
 * decimal strings, and a range may wrap past the largest token back to the smallest.
 */

/** The number of tokens on the ring: 2^64. */
export const RING_SIZE = 2n ** 64n;
const MIN_TOKEN = -(2n ** 63n);
const MAX_TOKEN = 2n ** 63n - 1n;

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
 * A range as intervals (lo, hi] of the unwrapped token line, lo < hi: itself, or, when it wraps
 * past the largest token, its part up to the largest token and its part from the smallest (whose
 * lo is one below the smallest token). The whole ring (start = end) is one interval.
 */
export function unwrapRange(start: bigint, end: bigint): [bigint, bigint][] {
  if (start < end) return [[start, end]];
  if (start === end) return [[MIN_TOKEN - 1n, MAX_TOKEN]];
  const parts: [bigint, bigint][] = [[MIN_TOKEN - 1n, end]];
  if (start < MAX_TOKEN) parts.push([start, MAX_TOKEN]);
  return parts;
}
