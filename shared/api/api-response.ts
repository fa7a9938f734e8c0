import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import { isOpsError, type Issue } from '../errors/ops-error.js';

/** What an API handler answers; functions/ turns it into an HTTP response unchanged. */
export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A JSON error body `{code, message, issues?}` with the catalog's HTTP status. Never a stack. */
export function errorResponse(code: ErrorCode, message?: string, issues?: Issue[], headers?: Record<string, string>): ApiResponse {
  return { status: ERROR_CODES[code].status, body: { code, message: message ?? ERROR_CODES[code].message, ...(issues ? { issues } : {}) },
    ...(headers ? { headers } : {}) };
}

/**
 * Maps anything thrown by an API handler to a response: OpsErrors keep their code and status;
 * anything else is a 500 CASSOPS_INTERNAL whose message says nothing about internals.
 */
export function responseFromError(error: unknown): ApiResponse {
  if (isOpsError(error)) return errorResponse(error.code, error.message, error.issues);
  return errorResponse('CASSOPS_INTERNAL');
}
