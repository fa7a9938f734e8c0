/**
 * A deep copy through JSON, as a stored or queued value comes back from real storage: the twins
 * copy in and out with it so callers cannot alias stored state, and fields JSON drops are dropped.
 */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
