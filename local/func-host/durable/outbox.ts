import { createHash } from 'node:crypto';
import { EventType, type HistoryEvent } from './history.js';
import type { ControlMessage, ParentRef, WorkItem } from './instance-record.js';

/** Messages an episode sends: control messages (maybe delayed, for timers) and activity work items. */
export interface Outgoing {
  control: { message: ControlMessage; delayInMs: number }[];
  work: WorkItem[];
}

/** The execution id a sub-orchestration gets: derived, so a resent start message is recognised. */
export function childExecutionId(parentExecutionId: string, eventId: number): string {
  return createHash('sha256').update(`${parentExecutionId}:${eventId}`).digest('hex').slice(0, 32);
}

/**
 * Derives the messages implied by new history events: work items for TaskScheduled, delayed
 * TimerFired for TimerCreated, starts for sub-orchestrations, entity operations for EventSent,
 * and the parent's completion for ExecutionCompleted. Deriving them from history (rather than
 * keeping a separate outbox) lets a restarted host resend exactly what a crash may have lost.
 */
export function outgoingFor(instanceId: string, executionId: string, parent: ParentRef | null, events: HistoryEvent[], nowInMs: number): Outgoing {
  const out: Outgoing = { control: [], work: [] };
  for (const e of events) {
    switch (e.EventType) {
      case EventType.TaskScheduled:
        out.work.push({ instanceId, executionId, taskId: e.EventId, name: String(e.Name), input: (e.Input as string | null) ?? null });
        break;
      case EventType.TimerCreated:
        if (e.IsCanceled !== true) {
          const fireAt = String(e.FireAt);
          out.control.push({ delayInMs: Date.parse(fireAt) - nowInMs, message: {
            kind: 'event', instanceId, executionId, event: { EventType: EventType.TimerFired, TimerId: e.EventId, FireAt: fireAt } } });
        }
        break;
      case EventType.SubOrchestrationInstanceCreated:
        out.control.push({ delayInMs: 0, message: {
          kind: 'start', instanceId: String(e.InstanceId), executionId: childExecutionId(executionId, e.EventId), name: String(e.Name),
          input: (e.Input as string | null) ?? null, parent: { instanceId, executionId, taskId: e.EventId } } });
        break;
      case EventType.EventSent: {
        const request = JSON.parse(String(e.Input)) as { op: string; signal: boolean; input: string | null; id: string };
        out.control.push({ delayInMs: 0, message: { kind: 'entityOp', instanceId: String(e.InstanceId), op: request.op,
          signal: request.signal, input: request.input, id: request.id, parent: instanceId, parentExecutionId: executionId } });
        break;
      }
      case EventType.ExecutionCompleted:
        if (parent && e.OrchestrationStatus !== 2) out.control.push({ delayInMs: 0, message: parentNotice(parent, e) });
        break;
      default:
        break;
    }
  }
  return out;
}

function parentNotice(parent: ParentRef, completed: HistoryEvent): ControlMessage {
  const ok = completed.OrchestrationStatus === 1;
  const event = ok
    ? { EventType: EventType.SubOrchestrationInstanceCompleted, TaskScheduledId: parent.taskId, Result: completed.Result ?? null }
    : { EventType: EventType.SubOrchestrationInstanceFailed, TaskScheduledId: parent.taskId,
      Reason: String(JSON.parse(String(completed.Result ?? '""'))), Details: '' };
  return { kind: 'event', instanceId: parent.instanceId, executionId: parent.executionId, event };
}
