import { EventType, eventKey, type EventBody, type HistoryEvent } from './history.js';
import type { ExecutionState, RetryGroup, RetryOptions } from './execution-state.js';

/** What the orchestrator handler returned (lib/src/orchestrations/OrchestratorState.js). */
export interface OrchestratorState {
  isDone: boolean;
  actions: unknown[][];
  output?: unknown;
  error?: string;
  customStatus?: unknown;
  failureDetails?: unknown;
}

/** How an episode ended. `customStatus` is JSON text, present only when the state carried it. */
export type EpisodeOutcome =
  | { kind: 'running'; customStatus?: string }
  | { kind: 'completed'; output: string; customStatus?: string }
  | { kind: 'failed'; output: string; customStatus?: string }
  | { kind: 'continuedAsNew'; input: string | null; customStatus?: string };

interface Action { actionType: number; [k: string]: unknown }

/** True when applying this event allocates sequence numbers inside the SDK (a retry follow-up). */
export function needsFollowUp(state: ExecutionState, event: EventBody): boolean {
  if (event.EventType === EventType.TaskFailed || event.EventType === EventType.SubOrchestrationInstanceFailed) {
    return `task:${String(event.TaskScheduledId)}` in state.retries;
  }
  return event.EventType === EventType.TimerFired && `timer:${String(event.TimerId)}` in state.retries;
}

/**
 * Splits new events into episodes. The SDK allocates a retry follow-up's id while it applies
 * the event, interleaved with ids for tasks the generator yields after earlier events; so an
 * event with a follow-up may only be the first of its episode, where host and SDK agree.
 */
export function splitEpisodes(state: ExecutionState, events: EventBody[]): EventBody[][] {
  const episodes: EventBody[][] = [];
  for (const event of events) {
    const last = episodes[episodes.length - 1];
    if (!last || needsFollowUp(state, event)) episodes.push([event]);
    else last.push(event);
  }
  return episodes;
}

/**
 * Opens an episode: appends OrchestratorStarted and the new events (skipping any already
 * consumed), allocating retry follow-ups in order. Returns how many events were new.
 */
export function openEpisode(state: ExecutionState, events: EventBody[], now: Date): number {
  const ts = now.toISOString();
  const push = (body: EventBody, eventId = -1): void => {
    state.history.push({ ...body, EventId: eventId, IsPlayed: false, Timestamp: ts });
  };
  push({ EventType: EventType.OrchestratorStarted });
  let added = 0;
  for (const event of events) {
    const key = event.EventType === EventType.ExecutionStarted ? 'started' : eventKey(event);
    if (key && state.consumed.has(key)) continue;
    if (key) state.consumed.add(key);
    push(event);
    added++;
    allocateFollowUp(state, event, now, push);
  }
  return added;
}

function allocateFollowUp(state: ExecutionState, event: EventBody, now: Date, push: (b: EventBody, id?: number) => void): void {
  if (!needsFollowUp(state, event)) return;
  if (event.EventType === EventType.TimerFired) {
    const key = `timer:${String(event.TimerId)}`;
    const group = state.retries[key] as RetryGroup;
    delete state.retries[key];
    if (group.attempt > group.options.maxNumberOfAttempts) return;
    const id = state.nextId++;
    state.retries[`task:${id}`] = group;
    push(schedulingEvent(state, group, id), id);
    return;
  }
  const key = `task:${String(event.TaskScheduledId)}`;
  const group = state.retries[key] as RetryGroup;
  delete state.retries[key];
  const timerId = state.nextId++;
  const fireAt = new Date(now.getTime() + retryDelayInMs(group.options, group.attempt));
  group.attempt++;
  state.retries[`timer:${timerId}`] = group;
  push({ EventType: EventType.TimerCreated, FireAt: fireAt.toISOString(), RetryTimer: true }, timerId);
}

/** DTFx's retry delay: first interval times coefficient^(failures-1), capped by the maximum. */
export function retryDelayInMs(options: RetryOptions, failures: number): number {
  const delay = options.firstRetryIntervalInMilliseconds * Math.pow(options.backoffCoefficient ?? 1, failures - 1);
  return Math.min(delay, options.maxRetryIntervalInMilliseconds ?? 6 * 86_400_000);
}

function schedulingEvent(state: ExecutionState, group: RetryGroup, id: number): EventBody {
  if (group.kind === 'activity') return { EventType: EventType.TaskScheduled, Name: group.name, Version: '', Input: group.input };
  return { EventType: EventType.SubOrchestrationInstanceCreated, Name: group.name, Version: '', Input: group.input,
    InstanceId: group.instanceId ?? `${state.executionId}:${id}` };
}

/** The orchestration trigger's binding info (notes §2.2), with the full current history. */
export function bindingInfo(state: ExecutionState): Record<string, unknown> {
  const started = state.history.find((e) => e.EventType === EventType.ExecutionStarted);
  return {
    history: state.history,
    input: state.input === null ? null : JSON.parse(state.input),
    instanceId: state.instanceId,
    isReplaying: started?.IsPlayed ?? false,
    parentInstanceId: state.parentInstanceId,
    upperSchemaVersion: 1,
    upperSchemaVersionNew: 2,
    // A very long short-timer limit keeps the SDK from splitting timers (notes §2.2, pitfall 18).
    longRunningTimerIntervalDuration: '3.00:00:00',
    maximumShortTimerDuration: '36500.00:00:00',
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
}

/**
 * Closes an episode: turns the new action leaves into scheduling events with the SDK's ids,
 * appends OrchestratorCompleted (and ExecutionCompleted when it ends) and marks the episode's
 * events as played. `newGuid` makes entity request ids.
 */
export function closeEpisode(state: ExecutionState, result: OrchestratorState, now: Date, newGuid: () => string): EpisodeOutcome {
  const ts = now.toISOString();
  const push = (body: EventBody, eventId = -1): void => {
    state.history.push({ ...body, EventId: eventId, IsPlayed: false, Timestamp: ts });
  };
  const leaves = flatten((result.actions[0] ?? []) as Action[]);
  let continueAs: Action | undefined;
  for (const action of leaves.slice(state.cursor)) {
    if (action.actionType === 4) continueAs = action;
    else scheduleAction(state, action, push, newGuid);
  }
  state.cursor = leaves.length;
  push({ EventType: EventType.OrchestratorCompleted });
  const custom = result.customStatus === undefined ? {} : { customStatus: JSON.stringify(result.customStatus) };
  const outcome = decideOutcome(state, result, continueAs, custom);
  if (outcome.kind === 'completed' || outcome.kind === 'failed') {
    push({ EventType: EventType.ExecutionCompleted, OrchestrationStatus: outcome.kind === 'completed' ? 1 : 3, Result: outcome.output });
  } else if (outcome.kind === 'continuedAsNew') {
    push({ EventType: EventType.ExecutionCompleted, OrchestrationStatus: 2, Result: outcome.input });
  }
  for (let i = state.history.length - 1; i >= 0 && !(state.history[i] as HistoryEvent).IsPlayed; i--) (state.history[i] as HistoryEvent).IsPlayed = true;
  return outcome;
}

function decideOutcome(state: ExecutionState, result: OrchestratorState, continueAs: Action | undefined,
  custom: { customStatus?: string }): EpisodeOutcome {
  if (result.error !== undefined) {
    return { kind: 'failed', output: JSON.stringify(`Orchestrator function '${state.name}' failed: ${result.error}`), ...custom };
  }
  if (!result.isDone) return { kind: 'running', ...custom };
  if (continueAs) return { kind: 'continuedAsNew', input: logicalJson(continueAs.input, true), ...custom };
  return { kind: 'completed', output: JSON.stringify(result.output ?? null), ...custom };
}

function scheduleAction(state: ExecutionState, a: Action, push: (b: EventBody, id?: number) => void, newGuid: () => string): void {
  if (a.actionType === 6) return; // WaitForExternalEvent takes no id: events match by name
  const id = state.nextId++;
  const name = String(a.functionName ?? '');
  switch (a.actionType) {
    case 0: case 1: case 8: {
      const input = a.actionType === 8 ? JSON.stringify(a.httpRequest ?? null) : logicalJson(a.input, true);
      const taskName = a.actionType === 8 ? 'BuiltIn::HttpActivity' : name;
      if (a.actionType === 1) state.retries[`task:${id}`] = { kind: 'activity', name, input, options: a.retryOptions as RetryOptions, attempt: 1 };
      return push({ EventType: EventType.TaskScheduled, Name: taskName, Version: '', Input: input }, id);
    }
    case 2: case 3: {
      const input = logicalJson(a.input, false);
      const explicitId = typeof a.instanceId === 'string' && a.instanceId !== '' ? a.instanceId : undefined;
      if (a.actionType === 3) {
        state.retries[`task:${id}`] = { kind: 'sub', name, input, instanceId: explicitId, options: a.retryOptions as RetryOptions, attempt: 1 };
      }
      return push({ EventType: EventType.SubOrchestrationInstanceCreated, Name: name, Version: '', Input: input,
        InstanceId: explicitId ?? `${state.executionId}:${id}` }, id);
    }
    case 5:
      return push({ EventType: EventType.TimerCreated, FireAt: String(a.fireAt), IsCanceled: a.isCanceled === true }, id);
    case 7: case 9: {
      const request = { op: a.operation, signal: a.actionType === 9, input: logicalJson(a.input, false), id: newGuid(), parent: state.instanceId };
      return push({ EventType: EventType.EventSent, InstanceId: a.instanceId, Name: a.operation, Input: JSON.stringify(request) }, id);
    }
    default:
      throw new Error(`DURABLE_ACTION_UNSUPPORTED: action type ${a.actionType} is not supported by the local host (entity locks need schema V4)`);
  }
}

/** JSON text of an action's logical input; CallActivity and ContinueAsNew double-encode strings. */
function logicalJson(input: unknown, doubleEncodedStrings: boolean): string | null {
  if (input === undefined) return null;
  const value = doubleEncodedStrings && typeof input === 'string' ? JSON.parse(input) as unknown : input;
  return JSON.stringify(value);
}

function flatten(actions: Action[]): Action[] {
  return actions.flatMap((a) => (a.actionType === 11 || a.actionType === 12 ? flatten((a.compoundActions ?? []) as Action[]) : [a]));
}
