import { isOpsError } from '../errors/ops-error.js';

const CQL_UNAVAILABLE = new Set(['NoHostAvailableError', 'OperationTimedOutError', 'BusyConnectionError']);

/**
 * The message an activity failure carries to the orchestrator, led by a product code: Durable
 * passes only the message along, and the orchestrator recovers the code from it
 * (errorFromThrown). Driver errors from Cassandra get the CQL codes.
 */
export function describeActivityError(error: unknown): string {
  if (isOpsError(error)) return `${error.code}: ${error.message}`;
  const e = error as { name?: string; message?: string };
  const message = e?.message ?? String(error);
  if (e?.name && CQL_UNAVAILABLE.has(e.name)) return `CASSOPS_CQL_UNAVAILABLE: ${message}`;
  if (e?.name === 'ResponseError') return `CASSOPS_CQL_FAILED: ${message}`;
  return message;
}
