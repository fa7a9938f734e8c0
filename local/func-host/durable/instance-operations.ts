import { randomUUID } from 'node:crypto';
import type { CoreRegistry } from '../core-api.js';
import { triggerOf } from '../invoke-function.js';
import type { DurableEngine } from './durable-engine.js';
import { EventType, isTerminal } from './history.js';
import type { ControlMessage, InstanceRecord } from './instance-record.js';
import type { InstanceFilter } from './task-hub-store.js';

/** A client operation's failure, carrying the HTTP status the management API answers with. */
export class DurableApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

/** The result of raise/terminate/suspend/resume: accepted, unknown instance, or already finished. */
export type InstanceOpResult = 'accepted' | 'notFound' | 'gone';

/**
 * The durable client's operations on the task hub, shared by the management HTTP API and the
 * admin paths. Validation errors are DurableApiError with a code and the HTTP status to use.
 */
export class InstanceOperations {
  constructor(private readonly engine: DurableEngine, private readonly registry: CoreRegistry) {}

  /**
   * Starts an orchestration. Errors: DURABLE_ORCHESTRATOR_NOT_FOUND (400) for an unknown name,
   * DURABLE_INSTANCE_ID_INVALID (400), DURABLE_INSTANCE_EXISTS (409) when the id is still running.
   */
  async startNew(name: string, instanceId: string | undefined, input: string | null): Promise<string> {
    const registered = this.registry.functions.get(name.toLowerCase());
    if (!registered || triggerOf(registered).type !== 'orchestrationTrigger') {
      throw new DurableApiError(400, 'DURABLE_ORCHESTRATOR_NOT_FOUND', `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`);
    }
    const id = instanceId ?? randomUUID().replace(/-/g, '');
    validateInstanceId(id);
    const existing = await this.engine.store.readInstance(id);
    if (existing && !isTerminal(existing.runtimeStatus)) {
      throw new DurableApiError(409, 'DURABLE_INSTANCE_EXISTS', `An instance with ID '${id}' already exists and is ${existing.runtimeStatus}.`);
    }
    const now = new Date().toISOString();
    const executionId = randomUUID().replace(/-/g, '');
    const record: InstanceRecord = {
      instanceId: id, name: registered.metadata.name, runtimeStatus: 'Pending', executionId, input, output: null, customStatus: null,
      createdTime: now, lastUpdatedTime: now, parent: null, checkpoint: { nextId: 0, cursor: 0, retries: {} },
      historyCount: 0, outboxFrom: 0, outboxSent: false, held: [],
    };
    // Written with an unsent outbox first: a crash before the start message goes out is repaired at restart.
    await this.engine.store.writeInstance(record);
    this.engine.forget(id);
    await this.engine.send({ control: [{ message: startMessage(record), delayInMs: 0 }], work: [] });
    await this.engine.store.markOutboxSent(id);
    return id;
  }

  /** Reads an orchestration's record (entities excluded). */
  async read(instanceId: string): Promise<InstanceRecord | undefined> {
    return instanceId.startsWith('@') ? undefined : this.engine.store.readInstance(instanceId);
  }

  /** Delivers an external event (data is JSON text) to a running instance. */
  async raiseEvent(instanceId: string, eventName: string, data: string | null): Promise<InstanceOpResult> {
    return this.whenActive(instanceId, async () => this.engine.send({ control: [{ delayInMs: 0, message: {
      kind: 'event', instanceId, event: { EventType: EventType.EventRaised, Name: eventName, Input: data, MessageId: randomUUID() } } }], work: [] }));
  }

  /** Terminates, suspends or resumes a running instance. */
  async control(instanceId: string, kind: 'terminate' | 'suspend' | 'resume', reason: string): Promise<InstanceOpResult> {
    return this.whenActive(instanceId, async () => this.engine.send({ control: [{ delayInMs: 0, message: { kind, instanceId, reason } }], work: [] }));
  }

  /** Deletes a finished instance and its history; returns how many were deleted (0 or 1). */
  async purge(instanceId: string): Promise<number> {
    const record = await this.read(instanceId);
    if (!record || !isTerminal(record.runtimeStatus)) return 0;
    this.engine.forget(instanceId);
    return (await this.engine.store.deleteInstance(instanceId)) ? 1 : 0;
  }

  /** Purges every finished instance matching the filter. */
  async purgeBy(filter: InstanceFilter): Promise<number> {
    let deleted = 0;
    let token: string | undefined;
    do {
      const page = await this.engine.store.listInstances(filter, 100, token);
      for (const r of page.records) deleted += await this.purge(r.instanceId);
      token = page.continuationToken;
    } while (token);
    return deleted;
  }

  /** Signals an entity operation (input is JSON text). Errors: DURABLE_ENTITY_NOT_FOUND (404). */
  async signalEntity(name: string, key: string, op: string, input: string | null): Promise<void> {
    const fn = this.registry.functions.get(name.toLowerCase());
    if (!fn || triggerOf(fn).type !== 'entityTrigger') throw new DurableApiError(404, 'DURABLE_ENTITY_NOT_FOUND', `No entity function named '${name}'.`);
    const instanceId = `@${name.toLowerCase()}@${key}`;
    await this.engine.send({ control: [{ delayInMs: 0, message: { kind: 'entityOp', instanceId, op, signal: true, input, id: randomUUID() } }], work: [] });
  }

  /** An entity's state as JSON text, or undefined when it does not exist. */
  async readEntity(name: string, key: string): Promise<string | undefined> {
    const record = await this.engine.store.readInstance(`@${name.toLowerCase()}@${key}`);
    return record?.entity?.exists ? record.entity.state ?? 'null' : undefined;
  }

  private async whenActive(instanceId: string, act: () => Promise<void>): Promise<InstanceOpResult> {
    const record = await this.read(instanceId);
    if (!record) return 'notFound';
    if (isTerminal(record.runtimeStatus)) return 'gone';
    await act();
    return 'accepted';
  }
}

/** The control message that starts a Pending instance's execution. */
export function startMessage(record: InstanceRecord): ControlMessage {
  return { kind: 'start', instanceId: record.instanceId, executionId: record.executionId, name: record.name, input: record.input, parent: record.parent };
}

/** Instance ids become table keys: the characters Azure Tables forbid in keys are refused. */
function validateInstanceId(id: string): void {
  const hasControl = [...id].some((ch) => { const c = ch.charCodeAt(0); return c < 0x20 || (c >= 0x7f && c <= 0x9f); });
  if (id.length === 0 || id.length > 256 || /[/\\#?]/.test(id) || hasControl || id.startsWith('@')) {
    throw new DurableApiError(400, 'DURABLE_INSTANCE_ID_INVALID',
      `instanceId "${id.slice(0, 64)}" is invalid: 1-256 characters, none of / \\ # ? or control characters, not starting with @`);
  }
}
