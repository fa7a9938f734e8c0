/**
 * Table storage caps a string property at 64 KiB (32 K UTF-16 characters), so large JSON
 * values (plans carry rendered cloud-init) are split across `<name>_0`, `<name>_1`, ...
 */
const CHUNK_CHARS = 30_000;

/** Splits `value`'s JSON into numbered columns plus a `<name>_n` count. */
export function toJsonColumns(name: string, value: unknown): Record<string, string | number> {
  const text = JSON.stringify(value ?? null);
  const columns: Record<string, string | number> = {};
  let count = 0;
  for (let start = 0; start < text.length || count === 0; start += CHUNK_CHARS) {
    columns[`${name}_${count}`] = text.slice(start, start + CHUNK_CHARS);
    count++;
  }
  columns[`${name}_n`] = count;
  return columns;
}

/** Reads back what toJsonColumns wrote; undefined when the columns are absent. */
export function fromJsonColumns<T>(entity: Record<string, unknown>, name: string): T | undefined {
  const count = entity[`${name}_n`];
  if (typeof count !== 'number') return undefined;
  let text = '';
  for (let i = 0; i < count; i++) text += String(entity[`${name}_${i}`] ?? '');
  return JSON.parse(text) as T;
}
