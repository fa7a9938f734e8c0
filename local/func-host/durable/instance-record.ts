import type { EngineCheckpoint } from './execution-state.js';
import type { EventBody, RuntimeStatus } from './history.js';

/** Where a sub-orchestration reports back to. */
export interface ParentRef {
  instanceId: string;
  executionId: string;
  taskId: number;
}

/** The stored state of an entity (only for instance ids of the form `@name@key`). */
export interface EntityRecord {
  exists: boolean;
  /** JSON text of the state. */
  state: string | null;
  /** Recently applied request ids: a redelivered operation is not applied twice. */
  recent: string[];
  /** Responses and signals produced by the last batch, resent after a crash. */
  outbox: ControlMessage[];
}

/** One row of `<hub>Instances`: the instance's status and the replay loop's checkpoint. */
export interface InstanceRecord {
  instanceId: string;
  name: string;
  runtimeStatus: RuntimeStatus;
  executionId: string;
  /** JSON texts. */
  input: string | null;
  output: string | null;
  customStatus: string | null;
  createdTime: string;
  lastUpdatedTime: string;
  parent: ParentRef | null;
  checkpoint: EngineCheckpoint;
  /** Rows of the current execution's history that are committed. */
  historyCount: number;
  /** First history row of the last episode: its outgoing messages are derived from there on. */
  outboxFrom: number;
  outboxSent: boolean;
  /** Events that arrived while suspended, applied on resume. */
  held: EventBody[];
  entity?: EntityRecord;
}

/** Messages on the control queue: everything addressed to one orchestration or entity. */
export type ControlMessage =
  | { kind: 'start'; instanceId: string; executionId: string; name: string; input: string | null; parent: ParentRef | null }
  | { kind: 'event'; instanceId: string; executionId?: string; event: EventBody }
  | { kind: 'terminate' | 'suspend' | 'resume'; instanceId: string; reason: string }
  | { kind: 'entityOp'; instanceId: string; op: string; signal: boolean; input: string | null; id: string;
      parent?: string; parentExecutionId?: string };

/** An activity to run: the reply goes back to the instance's execution as TaskCompleted/TaskFailed. */
export interface WorkItem {
  instanceId: string;
  executionId: string;
  taskId: number;
  name: string;
  /** JSON text of the input. */
  input: string | null;
}
