import { EventType, eventKey, type HistoryEvent } from './history.js';

/** The SDK's retry options as they appear on CallActivityWithRetry / CallSubOrchestratorWithRetry. */
export interface RetryOptions {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
}

/** One retryable call: what to reschedule and how many attempts it has made. */
export interface RetryGroup {
  kind: 'activity' | 'sub';
  name: string;
  /** JSON text of the logical input. */
  input: string | null;
  /** The explicit sub-orchestration instance id, if the caller gave one. */
  instanceId?: string;
  options: RetryOptions;
  /** Mirrors the SDK's RetryableTask.attemptNumber: 1, then +1 on each failure. */
  attempt: number;
}

/** Everything the replay loop keeps for one execution of one orchestration instance. */
export interface ExecutionState {
  instanceId: string;
  executionId: string;
  name: string;
  /** JSON text of the execution's input. */
  input: string | null;
  parentInstanceId: string | null;
  history: HistoryEvent[];
  /** The next sequence number the SDK will hand out (its `sequenceNumber`). */
  nextId: number;
  /** How many action leaves of the cumulative action list are already handled. */
  cursor: number;
  /** Retry groups keyed `task:<id>` while the call runs, `timer:<id>` while its retry timer waits. */
  retries: Record<string, RetryGroup>;
  /** Keys of incoming events already in history: redelivered messages are dropped by these. */
  consumed: Set<string>;
}

/** The persisted part of an execution besides its history rows. */
export interface EngineCheckpoint {
  nextId: number;
  cursor: number;
  retries: Record<string, RetryGroup>;
}

/** A fresh execution with an empty history. */
export function newExecution(fields: Pick<ExecutionState, 'instanceId' | 'executionId' | 'name' | 'input' | 'parentInstanceId'>): ExecutionState {
  return { ...fields, history: [], nextId: 0, cursor: 0, retries: {}, consumed: new Set() };
}

/** Rebuilds an execution from stored history rows and its checkpoint (after a restart). */
export function restoreExecution(
  fields: Pick<ExecutionState, 'instanceId' | 'executionId' | 'name' | 'input' | 'parentInstanceId'>,
  history: HistoryEvent[],
  checkpoint: EngineCheckpoint,
): ExecutionState {
  const consumed = new Set<string>();
  for (const event of history) {
    event.IsPlayed = true;
    const key = eventKey(event);
    if (key) consumed.add(key);
    if (event.EventType === EventType.ExecutionStarted) consumed.add('started');
  }
  return { ...fields, history, ...checkpoint, consumed };
}

/** The checkpoint to persist next to the history rows. */
export function checkpointOf(state: ExecutionState): EngineCheckpoint {
  return { nextId: state.nextId, cursor: state.cursor, retries: state.retries };
}
