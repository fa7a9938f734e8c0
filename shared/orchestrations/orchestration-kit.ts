import { RetryOptions, type DurableOrchestrationContext, type Task } from 'durable-functions';
import { RETRY_PROFILES, type RetryProfileName } from '../contracts/retry-profiles.js';
import { ACTIVITIES, type ActivityName, type OrchestrationName } from '../contracts/names.js';
import type { OperationRef, RecordProgressInput } from '../contracts/activity-io.js';
import type { StepRecord } from '../domain/state/state-records.js';
import { operationPercent } from '../domain/operations/operation-steps.js';
import type { ErrorInfo } from '../errors/ops-error.js';
import { isErrorCode } from '../errors/error-codes.js';
import type { Result } from '../errors/result.js';

/** The slice of the Durable context the orchestrations use (and unit tests fake). */
export type OrchestrationDf = Pick<DurableOrchestrationContext, 'instanceId' | 'currentUtcDateTime' | 'callActivityWithRetry'
  | 'callSubOrchestratorWithRetry' | 'createTimer' | 'setCustomStatus' | 'getInput' | 'Task'>;
export interface OrchestrationContextLike {
  df: OrchestrationDf;
}

/** The generator type every orchestration here has. */
export type Orchestration<T> = Generator<Task, T, unknown>;

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

/** Schedules a sub-orchestration under a deterministic instance id (`<parent>:<suffix>`). */
export function callSub(context: OrchestrationContextLike, name: OrchestrationName, input: unknown, suffix: string): Task {
  return context.df.callSubOrchestratorWithRetry(name, retryOptions('subOrchestration'), input, `${context.df.instanceId}:${suffix}`);
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

export interface ProgressOptions {
  step: string;
  status: StepRecord['status'];
  stepPercent: number;
  message?: string;
  node?: RecordProgressInput['node'];
}

/**
 * Records a step's progress on the operation (which also renews its lease) and mirrors it in
 * customStatus. The operation's percent comes from the kind's step table. The activity never
 * throws, so a progress write that fails cannot fail the operation.
 */
export function recordProgress(context: OrchestrationContextLike, operation: OperationRef, o: ProgressOptions): Task {
  const percent = o.status === 'Failed' ? 0 : operationPercent(operation.kind, o.step, o.stepPercent);
  context.df.setCustomStatus({ phase: o.step, status: o.status, percent, lastEvent: o.message ?? o.status });
  const input: RecordProgressInput = { operationId: operation.operationId, clusterName: operation.clusterName, step: o.step, status: o.status,
    stepPercent: o.stepPercent, operationPercent: percent, at: context.df.currentUtcDateTime.toISOString(),
    ...(o.message ? { message: o.message } : {}), ...(o.node ? { node: o.node } : {}) };
  return callActivity(context, ACTIVITIES.recordProgress, 'bookkeeping', input);
}

/**
 * Runs tasks `limit` at a time, batch after batch, with Task.all. (A sliding window that yields
 * the same pending tasks again in successive Task.any calls stalled on the local host: it
 * scheduled those tasks a second time. Batches are the pattern every Durable backend replays.)
 */
export function* runInBatches<T>(context: OrchestrationContextLike, starts: (() => Task)[], limit: number): Orchestration<T[]> {
  const results: T[] = [];
  for (let from = 0; from < starts.length; from += limit) {
    const batch = starts.slice(from, from + limit).map((start) => start());
    results.push(...((yield context.df.Task.all(batch)) as T[]));
  }
  return results;
}
