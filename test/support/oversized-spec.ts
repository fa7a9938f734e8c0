// A request body at the API's size limit that asks for far more than the spec allows: the shape
// an attacker or a runaway generator would send, used to check validation stays bounded.

/**
 * Fills `spec[field]` with `entry(0)`, `entry(1)`, … until the spec's JSON is about `bytes` long
 * (never longer). Returns the spec, changed in place.
 */
export function fillSpecTo<T extends Record<string, unknown>>(
  spec: T, field: string, entry: (i: number) => unknown, bytes: number,
): T {
  const room = bytes - JSON.stringify({ ...spec, [field]: [] }).length;
  // Sized by an entry at least as wide as any used (no index has more digits than `room`), plus a comma.
  const count = Math.max(0, Math.floor(room / (JSON.stringify(entry(room)).length + 1)));
  (spec as Record<string, unknown>)[field] = Array.from({ length: count }, (_, i) => entry(i));
  return spec;
}
