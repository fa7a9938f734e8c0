import type { DeploymentNode } from '../../domain/deploy/deployment-plan.js';
import { OpsError } from '../../errors/ops-error.js';

export interface RetryRunCommandOptions {
  /** Wait before retrying a 409 "Run command extension execution is in progress". */
  conflictDelayInMs?: number;
  /** Attempts before the conflict or throttle is thrown for Durable to retry. */
  maxAttempts?: number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Calls Run Command (`call`), waiting out a 409 Conflict (Azure runs one script per VM at a
 * time) after the given delay and a 429 after its Retry-After, up to `maxAttempts`; then throws
 * CASSOPS_RUN_COMMAND_CONFLICT or CASSOPS_ARM_THROTTLED, both retryable. Any other error passes
 * through untouched for the caller to classify.
 */
export async function retryRunCommand<T>(node: DeploymentNode, call: () => Promise<T>, options: RetryRunCommandOptions): Promise<T> {
  const attempts = options.maxAttempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = retryDelay(error, options.conflictDelayInMs ?? 10_000);
      if (wait === undefined) throw error;
      if (attempt >= attempts) throw transientError(error, node);
      await options.sleep(wait);
    }
  }
}

/** How long to wait before retrying, or undefined when the error is not one to wait out here. */
function retryDelay(error: unknown, conflictDelayInMs: number): number | undefined {
  const e = error as { statusCode?: number; response?: { headers?: { get(name: string): string | undefined } } };
  if (e.statusCode === 409) return conflictDelayInMs;
  if (e.statusCode !== 429) return undefined;
  const header = Number(e.response?.headers?.get('retry-after'));
  return Number.isFinite(header) && header >= 0 ? header * 1000 : 30_000;
}

function transientError(error: unknown, node: DeploymentNode): OpsError {
  const status = (error as { statusCode?: number }).statusCode;
  const message = (error as { message?: string }).message ?? String(error);
  return status === 409
    ? new OpsError('CASSOPS_RUN_COMMAND_CONFLICT', { message: `Run Command busy on ${node.vmName}: ${message}`, cause: error })
    : new OpsError('CASSOPS_ARM_THROTTLED', { message: `Run Command throttled on ${node.vmName}: ${message}`, cause: error });
}
