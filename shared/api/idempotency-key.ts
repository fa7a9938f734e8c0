import { OpsError } from '../errors/ops-error.js';

/**
 * What an Idempotency-Key may be: visible ASCII (0x21-0x7e) without the four characters Table
 * storage forbids in a key, `#` `/` `?` `\` (the ranges skip 0x23, 0x2f, 0x3f and 0x5c). The key
 * becomes the partition key of its record, where a forbidden one would fail as a 500; control
 * characters, spaces and non-ASCII fall outside the ranges too. The OpenAPI document shows it.
 */
export const IDEMPOTENCY_KEY_PATTERN = '^[!"$-.0->@-\\[\\]-~]{1,200}$';
const IDEMPOTENCY_KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/**
 * The request's Idempotency-Key header value, undefined when absent. Errors: CASSOPS_REQUEST_INVALID
 * (issue path `header:Idempotency-Key`) unless it is 1-200 visible ASCII characters other than / \ # ?.
 */
export function parseIdempotencyKey(header: string | null | undefined): string | undefined {
  if (header === null || header === undefined) return undefined;
  if (IDEMPOTENCY_KEY.test(header)) return header;
  const rule = 'must be 1-200 visible ASCII characters other than / \\ # ?';
  throw new OpsError('CASSOPS_REQUEST_INVALID', {
    message: `Idempotency-Key ${rule}.`, issues: [{ path: 'header:Idempotency-Key', message: rule }],
  });
}
