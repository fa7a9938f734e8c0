/**
 * Retry profiles for durable activity calls. Activities throw only transient faults (429, 5xx,
 * Run Command conflicts, CQL not yet reachable), so every retry here retries something that can
 * succeed later; permanent failures come back as values and are never retried.
 */
export interface RetryProfile {
  firstRetryIntervalInMs: number;
  maxNumberOfAttempts: number;
  backoffCoefficient: number;
  maxRetryIntervalInMs: number;
}

export const RETRY_PROFILES = {
  /** Table writes and other quick local effects. */
  bookkeeping: { firstRetryIntervalInMs: 500, maxNumberOfAttempts: 5, backoffCoefficient: 2, maxRetryIntervalInMs: 5_000 },
  /** ARM PUT/DELETE: the SDK already retried 429/5xx four times inside the call. */
  arm: { firstRetryIntervalInMs: 2_000, maxNumberOfAttempts: 6, backoffCoefficient: 2, maxRetryIntervalInMs: 60_000 },
  /** Run Command: one script at a time per VM, so 409 Conflict clears when the other finishes. */
  runCommand: { firstRetryIntervalInMs: 5_000, maxNumberOfAttempts: 8, backoffCoefficient: 1.5, maxRetryIntervalInMs: 30_000 },
  /** CQL work against nodes that may still be settling after a join. */
  cql: { firstRetryIntervalInMs: 2_000, maxNumberOfAttempts: 6, backoffCoefficient: 2, maxRetryIntervalInMs: 20_000 },
  /** Closing an operation: retried for about ten minutes, so a storage outage of minutes cannot leave it open. */
  finish: { firstRetryIntervalInMs: 5_000, maxNumberOfAttempts: 14, backoffCoefficient: 2, maxRetryIntervalInMs: 60_000 },
  /** Sub-orchestrations: their own activities retry; a failed sub-orchestration is not rerun. */
  subOrchestration: { firstRetryIntervalInMs: 1_000, maxNumberOfAttempts: 1, backoffCoefficient: 1, maxRetryIntervalInMs: 1_000 },
  /** A sweep's health check of one cluster: one attempt, a failed check is reported and the next tick checks again. */
  healthCheck: { firstRetryIntervalInMs: 1_000, maxNumberOfAttempts: 1, backoffCoefficient: 1, maxRetryIntervalInMs: 1_000 },
} as const satisfies Record<string, RetryProfile>;

export type RetryProfileName = keyof typeof RETRY_PROFILES;
