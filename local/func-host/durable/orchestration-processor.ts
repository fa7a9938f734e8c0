import { randomUUID } from 'node:crypto';
import { checkpointOf, newExecution, restoreExecution, type ExecutionState } from './execution-state.js';
import { EventType, isTerminal, type EventBody, type HistoryEvent } from './history.js';
import type { ControlMessage, InstanceRecord } from './instance-record.js';
import { childExecutionId, outgoingFor, type Outgoing } from './outbox.js';
import { closeEpisode, openEpisode, splitEpisodes, type EpisodeOutcome, type OrchestratorState } from './replay-episode.js';
import type { TaskHubStore } from './task-hub-store.js';

/** Runs one orchestrator episode: the binding info goes in, the SDK's state comes out. */
export type RunOrchestrator = (exec: ExecutionState) => Promise<OrchestratorState>;

/** One instance as the processor holds it between episodes (cached in memory while it runs). */
export interface InstanceRuntime {
  record: InstanceRecord;
  exec: ExecutionState | null;
  /** History rows of `exec` already written to the table. */
  persisted: number;
}

/** What processing a batch produced: messages to send once the record is committed. */
export interface ProcessResult {
  runtime: InstanceRuntime | undefined;
  outgoing: Outgoing;
}

/** Loads an instance from the store, with its current execution's history. */
export async function loadRuntime(store: TaskHubStore, instanceId: string): Promise<InstanceRuntime | undefined> {
  const record = await store.readInstance(instanceId);
  if (!record) return undefined;
  if (record.historyCount === 0) return { record, exec: null, persisted: 0 };
  const history = await store.readHistory(instanceId, record.executionId, record.historyCount);
  const exec = restoreExecution({ instanceId, executionId: record.executionId, name: record.name, input: record.input,
    parentInstanceId: record.parent?.instanceId ?? null }, history, record.checkpoint);
  return { record, exec, persisted: history.length };
}

/**
 * Applies a batch of control messages to one orchestration instance: all pending events go into
 * as few episodes as replay allows, then history rows and the record are written (the record is
 * the commit point) and the implied outgoing messages are returned for the caller to send.
 */
export async function processOrchestration(store: TaskHubStore, rt: InstanceRuntime | undefined, messages: ControlMessage[],
  run: RunOrchestrator, now: () => Date): Promise<ProcessResult> {
  const out: Outgoing = { control: [], work: [] };
  let pending: EventBody[] = [];
  const flush = async (): Promise<void> => {
    if (rt?.exec && pending.length > 0) await runEpisodes(store, rt, pending, run, now, out);
    pending = [];
  };
  for (const m of messages) {
    if (m.kind === 'start') {
      await flush();
      rt = startExecution(rt, m, now()) ?? rt;
      if (rt?.exec && rt.exec.history.length === 0) pending.push(executionStarted(rt.record));
    } else if (!rt?.exec || isTerminal(rt.record.runtimeStatus)) {
      continue;
    } else if (m.kind === 'event') {
      if (m.executionId && m.executionId !== rt.exec.executionId) continue;
      if (rt.record.runtimeStatus === 'Suspended') rt.record.held.push(m.event);
      else pending.push(m.event);
    } else if (m.kind === 'terminate' || m.kind === 'suspend' || m.kind === 'resume') {
      await flush();
      pending.push(...applyControl(rt, m.kind, m.reason, now()));
    }
  }
  await flush();
  if (rt?.exec) await commit(store, rt, out, now());
  return { runtime: rt, outgoing: out };
}

function startExecution(rt: InstanceRuntime | undefined, m: Extract<ControlMessage, { kind: 'start' }>, at: Date): InstanceRuntime | undefined {
  if (rt?.exec && rt.exec.executionId === m.executionId) return undefined; // a resent start: already running
  if (rt && rt.record.executionId !== m.executionId && !isTerminal(rt.record.runtimeStatus) && rt.record.runtimeStatus !== 'Pending') return undefined;
  const ts = at.toISOString();
  const record: InstanceRecord = {
    instanceId: m.instanceId, name: m.name, runtimeStatus: 'Running', executionId: m.executionId, input: m.input, output: null,
    customStatus: null, createdTime: rt?.record.executionId === m.executionId ? rt.record.createdTime : ts, lastUpdatedTime: ts,
    parent: m.parent, checkpoint: { nextId: 0, cursor: 0, retries: {} }, historyCount: 0, outboxFrom: 0, outboxSent: false, held: [],
  };
  const exec = newExecution({ instanceId: m.instanceId, executionId: m.executionId, name: m.name, input: m.input, parentInstanceId: m.parent?.instanceId ?? null });
  return { record, exec, persisted: 0 };
}

function executionStarted(record: InstanceRecord): EventBody {
  return { EventType: EventType.ExecutionStarted, Name: record.name, Version: '', Input: record.input,
    OrchestrationInstance: { InstanceId: record.instanceId, ExecutionId: record.executionId },
    ParentInstance: record.parent ? { OrchestrationInstance: { InstanceId: record.parent.instanceId, ExecutionId: record.parent.executionId },
      TaskScheduleId: record.parent.taskId } : null, Tags: null };
}

/** Terminate, suspend and resume: recorded in history; returns events to apply after a resume. */
function applyControl(rt: InstanceRuntime, kind: 'terminate' | 'suspend' | 'resume', reason: string, at: Date): EventBody[] {
  const exec = rt.exec as ExecutionState;
  const ts = at.toISOString();
  const push = (body: EventBody): void => { exec.history.push({ ...body, EventId: -1, IsPlayed: true, Timestamp: ts }); };
  rt.record.lastUpdatedTime = ts;
  if (kind === 'terminate') {
    push({ EventType: EventType.ExecutionTerminated, Input: reason });
    push({ EventType: EventType.ExecutionCompleted, OrchestrationStatus: 5, Result: JSON.stringify(reason) });
    rt.record.runtimeStatus = 'Terminated';
    rt.record.output = JSON.stringify(reason);
    return [];
  }
  if (kind === 'suspend' && rt.record.runtimeStatus === 'Running') {
    push({ EventType: EventType.ExecutionSuspended, Reason: reason });
    rt.record.runtimeStatus = 'Suspended';
  } else if (kind === 'resume' && rt.record.runtimeStatus === 'Suspended') {
    push({ EventType: EventType.ExecutionResumed, Reason: reason });
    rt.record.runtimeStatus = 'Running';
    return rt.record.held.splice(0);
  }
  return [];
}

async function runEpisodes(store: TaskHubStore, rt: InstanceRuntime, events: EventBody[], run: RunOrchestrator, now: () => Date, out: Outgoing): Promise<void> {
  let episodes = splitEpisodes(rt.exec as ExecutionState, events);
  while (episodes.length > 0 && !isTerminal(rt.record.runtimeStatus)) {
    const episode = episodes.shift() as EventBody[];
    const exec = rt.exec as ExecutionState;
    const at = now();
    if (openEpisode(exec, episode, at) === 0) {
      exec.history.pop(); // nothing new (all redelivered): drop the OrchestratorStarted again
      continue;
    }
    let state: OrchestratorState;
    try {
      state = await run(exec);
    } catch (error) {
      state = { isDone: false, actions: [], error: error instanceof Error ? error.message : String(error) };
    }
    const outcome = closeEpisode(exec, state, at, randomUUID);
    applyOutcome(rt.record, outcome, at);
    if (outcome.kind === 'continuedAsNew') {
      await continueAsNew(store, rt, outcome.input, at, out);
      episodes = [[executionStarted(rt.record)]];
    }
  }
}

function applyOutcome(record: InstanceRecord, outcome: EpisodeOutcome, at: Date): void {
  record.lastUpdatedTime = at.toISOString();
  if (outcome.customStatus !== undefined) record.customStatus = outcome.customStatus;
  if (outcome.kind === 'completed') { record.runtimeStatus = 'Completed'; record.output = outcome.output; }
  if (outcome.kind === 'failed') { record.runtimeStatus = 'Failed'; record.output = outcome.output; }
}

/** Ends the current execution and starts the next in place (unconsumed events are dropped, as DTFx does). */
async function continueAsNew(store: TaskHubStore, rt: InstanceRuntime, input: string | null, at: Date, out: Outgoing): Promise<void> {
  const old = rt.exec as ExecutionState;
  const fresh = old.history.slice(rt.persisted);
  await store.appendHistory(old.instanceId, old.executionId, rt.persisted, fresh);
  const sent = outgoingFor(old.instanceId, old.executionId, null, fresh, at.getTime());
  out.control.push(...sent.control);
  out.work.push(...sent.work);
  const executionId = childExecutionId(old.executionId, -1);
  Object.assign(rt.record, { executionId, input, output: null, runtimeStatus: 'Running', outboxFrom: 0, held: [] });
  rt.exec = newExecution({ instanceId: old.instanceId, executionId, name: old.name, input, parentInstanceId: old.parentInstanceId });
  rt.persisted = 0;
}

async function commit(store: TaskHubStore, rt: InstanceRuntime, out: Outgoing, at: Date): Promise<void> {
  const exec = rt.exec as ExecutionState;
  const fresh: HistoryEvent[] = exec.history.slice(rt.persisted);
  await store.appendHistory(exec.instanceId, exec.executionId, rt.persisted, fresh);
  Object.assign(rt.record, { checkpoint: checkpointOf(exec), historyCount: exec.history.length, outboxFrom: rt.persisted, outboxSent: false });
  await store.writeInstance(rt.record);
  const sent = outgoingFor(exec.instanceId, exec.executionId, rt.record.parent, fresh, at.getTime());
  out.control.push(...sent.control);
  out.work.push(...sent.work);
  rt.persisted = exec.history.length;
}
