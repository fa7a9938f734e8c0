import type { ErrorInfo } from './ops-error.js';

/** What an activity returns: a value, or a permanent failure as data (transient ones are thrown). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Wraps a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a permanent failure. */
export function fail<T = never>(error: ErrorInfo): Result<T> {
  return { ok: false, error };
}
