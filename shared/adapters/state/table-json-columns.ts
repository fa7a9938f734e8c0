/**
 * Table storage caps a string property at 64 KiB (32 K UTF-16 characters); JSON that may grow
 * with cluster size (plans carry rendered cloud-init) is split across numbered properties
 * `<name>`, `<name>1`, … and joined back. An entity holds at most 1 MiB and 252 properties.
 * Entities holding packed columns must be written whole (create or Replace, never Merge), or a
 * shorter value would be read back with a longer one's stale tail.
 */
const CHUNK_CHARS = 30_000;

/** Serialises `value` (undefined as null) into one or more string properties named after `name`. */
export function packJson(name: string, value: unknown): Record<string, string> {
  const json = JSON.stringify(value ?? null);
  const columns: Record<string, string> = {};
  for (let i = 0, part = 0; i < json.length || part === 0; i += CHUNK_CHARS, part++) {
    columns[part === 0 ? name : `${name}${part}`] = json.slice(i, i + CHUNK_CHARS);
  }
  return columns;
}

/** Reads back what packJson wrote; undefined when the property is absent. */
export function unpackJson<T>(entity: Record<string, unknown>, name: string): T | undefined {
  const first = entity[name];
  if (typeof first !== 'string') return undefined;
  let json = first;
  for (let part = 1; typeof entity[`${name}${part}`] === 'string'; part++) json += entity[`${name}${part}`] as string;
  return JSON.parse(json) as T;
}
