import { createHash } from 'node:crypto';

/** SHA-256 of the spec's JSON: identifies a request's content, and the spec a backup was taken under. */
export function hashSpec(spec: unknown): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex');
}
