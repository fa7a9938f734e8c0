/**
 * Keys for Table storage. PartitionKey and RowKey may not hold `/`, `\`, `#`, `?` or control
 * characters; values from outside (run and segment ids) are percent-encoded, which also keeps a
 * `|` joining two parts unambiguous. Encoding keeps letters, digits, `-`, `_` and `.` as they are,
 * so keys of ordinary names sort as the names do.
 */
export function tableKey(...parts: string[]): string {
  return parts.map(encodeURIComponent).join('|');
}

const MAX_MS = 9_999_999_999_999;

/** Inverted timestamp, fixed width, so lexical order is newest first. */
export function invertedTime(iso: string): string {
  return String(MAX_MS - Date.parse(iso)).padStart(13, '0');
}
