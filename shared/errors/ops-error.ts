import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/** One problem in a request or spec, at a JSON path such as `datacenters[1].nodes`. */
export interface Issue {
  path: string;
  message: string;
}

/** An error as data: what activities return and what the API answers with. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  issues?: Issue[];
  /** Azure's own code (e.g. `AllocationFailed`) when ARM refused. */
  azureCode?: string;
}

export interface OpsErrorOptions {
  message?: string;
  issues?: Issue[];
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The product's one error type. Callers branch on `code` (and `name === 'OpsError'`), never on
 * `instanceof`: durable-functions and other realms drop classes.
 */
export class OpsError extends Error {
  override readonly name = 'OpsError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly status: number;
  readonly issues?: Issue[];
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, options: OpsErrorOptions = {}) {
    super(options.message ?? ERROR_CODES[code].message, { cause: options.cause });
    this.code = code;
    this.retryable = ERROR_CODES[code].retryable;
    this.status = ERROR_CODES[code].status;
    if (options.issues) this.issues = options.issues;
    if (options.details) this.details = options.details;
  }

  /** The plain shape for HTTP bodies and operation records: no stack, no cause. */
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

/** True for an OpsError from any realm (checked by name and code, not class). */
export function isOpsError(error: unknown): error is OpsError {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'OpsError'
    && typeof (error as { code?: unknown }).code === 'string';
}
