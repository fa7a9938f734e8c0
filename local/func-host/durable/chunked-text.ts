/** Table string properties hold 64 KiB (32K UTF-16 units); stay well under it. */
const CHUNK = 30_000;

/** Splits text across properties `<prefix>0..n` plus `<prefix>N` (the count). */
export function toChunks(prefix: string, text: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  let n = 0;
  for (let i = 0; i === 0 || i < text.length; i += CHUNK) out[`${prefix}${n++}`] = text.slice(i, i + CHUNK);
  out[`${prefix}N`] = n;
  return out;
}

/** Joins what toChunks wrote back into the text. */
export function fromChunks(prefix: string, entity: Record<string, unknown>): string {
  const n = Number(entity[`${prefix}N`] ?? 0);
  let text = '';
  for (let i = 0; i < n; i++) text += String(entity[`${prefix}${i}`] ?? '');
  return text;
}
