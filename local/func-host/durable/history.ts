/** DTFx event type numbers, as durable-functions reads them (lib/src/history/HistoryEventType.js). */
export const EventType = {
  ExecutionStarted: 0, ExecutionCompleted: 1, ExecutionTerminated: 3, TaskScheduled: 4, TaskCompleted: 5,
  TaskFailed: 6, SubOrchestrationInstanceCreated: 7, SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9, TimerCreated: 10, TimerFired: 11, OrchestratorStarted: 12,
  OrchestratorCompleted: 13, EventSent: 14, EventRaised: 15, ContinueAsNew: 16, ExecutionSuspended: 19,
  ExecutionResumed: 20,
} as const;

/** A history event in DTFx's PascalCase shape; extra fields are ignored by the SDK. */
export interface HistoryEvent {
  EventType: number;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  [field: string]: unknown;
}

/** An event as it travels in a message, before the host stamps EventId, IsPlayed and Timestamp. */
export type EventBody = { EventType: number } & Record<string, unknown>;

/** OrchestrationStatus numbers and runtime status strings (DTFx). */
export const RuntimeStatus = ['Running', 'Completed', 'ContinuedAsNew', 'Failed', 'Canceled', 'Terminated', 'Pending', 'Suspended'] as const;
export type RuntimeStatus = (typeof RuntimeStatus)[number];

/** True when an instance in this status will never run again (unless restarted). */
export function isTerminal(status: RuntimeStatus): boolean {
  return status === 'Completed' || status === 'Failed' || status === 'Terminated' || status === 'Canceled';
}

/** Names of event types for status output (the extension prints EventType as a string). */
export const EventTypeName: Record<number, string> = Object.fromEntries(Object.entries(EventType).map(([k, v]) => [v, k]));

/** The key that makes an incoming event idempotent within one execution (see dedupe). */
export function eventKey(event: EventBody): string | undefined {
  switch (event.EventType) {
    case EventType.TaskCompleted: case EventType.TaskFailed:
    case EventType.SubOrchestrationInstanceCompleted: case EventType.SubOrchestrationInstanceFailed:
      return `task:${String(event.TaskScheduledId)}`;
    case EventType.TimerFired:
      return `timer:${String(event.TimerId)}`;
    case EventType.EventRaised:
      return typeof event.MessageId === 'string' ? `msg:${event.MessageId}` : undefined;
    default:
      return undefined;
  }
}
