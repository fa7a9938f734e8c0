import { RetryOptions, type Task } from 'durable-functions';
import { RETRY_PROFILES, type RetryProfileName } from '../../contracts/retry-profiles.js';
import type { ActivityName, OrchestrationName } from '../../contracts/names.js';
import type { ErrorInfo } from '../../errors/ops-error.js';
import { isErrorCode } from '../../errors/error-codes.js';
import type { Result } from '../../errors/result.js';
import type { OrchestrationContextLike } from './orchestration-context.js';

/** Durable RetryOptions for a named profile from contracts. */
export function retryOptions(name: RetryProfileName): RetryOptions {
  const profile = RETRY_PROFILES[name];
  const options = new RetryOptions(profile.firstRetryIntervalInMs, profile.maxNumberOfAttempts);
  options.backoffCoefficient = profile.backoffCoefficient;
  options.maxRetryIntervalInMilliseconds = profile.maxRetryIntervalInMs;
  return options;
}

/** Schedules an activity with its retry profile (every call names one). */
export function callActivity(context: OrchestrationContextLike, name: ActivityName, profile: RetryProfileName, input: unknown): Task {
  return context.df.callActivityWithRetry(name, retryOptions(profile), input);
}

/** Schedules a sub-orchestration under a deterministic instance id (`<parent>:<suffix>`) and a retry profile. */
export function callSub(context: OrchestrationContextLike, name: OrchestrationName, input: unknown, suffix: string,
  profile: RetryProfileName = 'subOrchestration'): Task {
  return context.df.callSubOrchestratorWithRetry(name, retryOptions(profile), input, `${context.df.instanceId}:${suffix}`);
}

/**
 * Turns an error thrown into the orchestrator (an activity's transient fault after its retries,
 * which durable-functions hands over as a plain Error "reason \n details") back into ErrorInfo,
 * keeping the product code when the message starts with one.
 */
export function errorFromThrown(error: unknown): ErrorInfo {
  const message = (error as { message?: string })?.message ?? String(error);
  const match = /(CASSOPS_[A-Z_]+): ([^\n]*)/.exec(message);
  if (match?.[1] && isErrorCode(match[1])) return { code: match[1], message: match[2] ?? '' };
  return { code: 'CASSOPS_INTERNAL', message: message.split('\n')[0] ?? message };
}

/** The first failure among results, if any (values that are not Results, such as progress acknowledgements, count as success). */
export function firstFailure(results: readonly unknown[]): ErrorInfo | undefined {
  for (const r of results) if ((r as Result<unknown> | undefined)?.ok === false) return (r as { error: ErrorInfo }).error;
  return undefined;
}
