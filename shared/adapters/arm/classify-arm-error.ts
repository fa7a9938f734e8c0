import type { ErrorInfo } from '../../errors/ops-error.js';
import { OpsError } from '../../errors/ops-error.js';

/** Azure codes that clear on their own: another operation holds the resource, or it is settling. */
const TRANSIENT_AZURE_CODES = new Set([
  'Conflict', 'RetryableErrorDueToAnotherOperation', 'ReferencedResourceNotProvisioned', 'AnotherOperationInProgress',
  'InternalServerError', 'InternalExecutionError', 'ServerTimeout', 'OperationPreempted', 'TooManyRequests',
]);
const SYSTEM_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const LRO_FAILED = /^The long-running operation has failed\. ([A-Za-z]+)\. ([\s\S]*)$/;

interface SdkErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Azure's code and message from an SDK error: a RestError, or the LRO pollers' plain Error. */
export function readAzureError(error: unknown): { statusCode?: number; azureCode?: string; message: string } {
  const e = (error ?? {}) as SdkErrorLike;
  const message = e.message ?? String(error);
  const lro = LRO_FAILED.exec(message);
  if (lro) return { azureCode: lro[1], message: lro[2] ?? '' };
  return { ...(e.statusCode ? { statusCode: e.statusCode } : {}), ...(e.code ? { azureCode: e.code } : {}), message };
}

/**
 * Sorts an ARM failure: transient ones (429, 5xx, conflicts with a concurrent operation, network
 * faults) come back as a retryable OpsError to throw, so Durable retries them; permanent ones
 * (AllocationFailed, quota, SkuNotAvailable, invalid parameters) as ErrorInfo to return, carrying
 * Azure's own code and message.
 */
export function classifyArmError(error: unknown, what: string): { transient: OpsError } | { permanent: ErrorInfo } {
  const { statusCode, azureCode, message } = readAzureError(error);
  const text = `${what}: ${azureCode ? `${azureCode}: ` : ''}${message}`;
  if (statusCode === 429) return { transient: new OpsError('CASSOPS_ARM_THROTTLED', { message: text, cause: error }) };
  const transient = (statusCode !== undefined && statusCode >= 500 && statusCode !== 501 && statusCode !== 505)
    || statusCode === 408 || (azureCode !== undefined && (TRANSIENT_AZURE_CODES.has(azureCode) || SYSTEM_ERRORS.has(azureCode)));
  if (transient) return { transient: new OpsError('CASSOPS_ARM_TRANSIENT', { message: text, cause: error }) };
  return { permanent: { code: 'CASSOPS_ARM_FAILED', message: text, ...(azureCode ? { azureCode } : {}) } };
}
