import { EventType, EventTypeName, type HistoryEvent } from './history.js';
import type { InstanceRecord } from './instance-record.js';

/** Options of GET instances/{id} (the client's getStatus). */
export interface StatusOptions {
  showInput: boolean;
  showHistory: boolean;
  showHistoryOutput: boolean;
}

const parse = (text: string | null): unknown => (text === null || text === undefined ? null : JSON.parse(text));

/** The extension's time format: whole seconds, `yyyy-MM-ddTHH:mm:ssZ`. */
export function formatTime(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}

/**
 * The status JSON the extension returns (StatusResponsePayload): `input` and `output` are
 * always present (the SDK's constructor requires them), JSON values rather than strings.
 */
export function statusPayload(record: InstanceRecord, options: StatusOptions, history?: HistoryEvent[]): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    name: record.name,
    instanceId: record.instanceId,
    runtimeStatus: record.runtimeStatus,
    input: options.showInput ? parse(record.input) : null,
    customStatus: parse(record.customStatus),
    output: parse(record.output),
    createdTime: formatTime(record.createdTime),
    lastUpdatedTime: formatTime(record.lastUpdatedTime),
  };
  if (history) {
    const events = historyForStatus(history, options.showHistoryOutput);
    payload.historyEvents = events;
    payload.history = events; // the JS SDK reads `history` (azure-functions-durable-js#620)
  }
  return payload;
}

/** History as the extension shows it: no replay markers or schedule rows; completions name their task. */
function historyForStatus(history: HistoryEvent[], showOutput: boolean): Record<string, unknown>[] {
  const scheduled = new Map<number, HistoryEvent>();
  const out: Record<string, unknown>[] = [];
  for (const e of history) {
    if (e.EventType === EventType.OrchestratorStarted || e.EventType === EventType.OrchestratorCompleted) continue;
    if (e.EventType === EventType.TaskScheduled || e.EventType === EventType.SubOrchestrationInstanceCreated) {
      scheduled.set(e.EventId, e);
      if (e.EventType === EventType.TaskScheduled) continue;
    }
    const { EventId: _id, IsPlayed: _played, TaskScheduledId, Result, ...rest } = e;
    const row: Record<string, unknown> = { ...rest, EventType: EventTypeName[e.EventType] ?? String(e.EventType) };
    const source = typeof TaskScheduledId === 'number' ? scheduled.get(TaskScheduledId) : undefined;
    if (source) Object.assign(row, { FunctionName: source.Name, ScheduledTime: source.Timestamp });
    if (e.EventType === EventType.ExecutionStarted) row.FunctionName = e.Name;
    if (showOutput && Result !== undefined) row.Result = parse(Result as string | null);
    out.push(row);
  }
  return out;
}
