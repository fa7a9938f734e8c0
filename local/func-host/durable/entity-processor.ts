import { randomUUID } from 'node:crypto';
import { EventType } from './history.js';
import type { ControlMessage, EntityRecord, InstanceRecord } from './instance-record.js';

type EntityOp = Extract<ControlMessage, { kind: 'entityOp' }>;

/** What the entity function returns (lib/src/entities/EntityState.js). */
export interface EntityBatchResult {
  results: { isError: boolean; result?: string }[];
  signals: { target: { name: string; key: string }; name: string; input?: string }[];
  entityExists: boolean;
  entityState?: string;
}

/** Runs the entity function on a batch (notes §2.7). */
export type RunEntity = (entityName: string, binding: Record<string, unknown>) => Promise<EntityBatchResult>;

/** Splits a scheduler id `@name@key` into its parts; the name is lower-cased as the SDK does. */
export function parseEntityId(instanceId: string): { name: string; key: string } {
  const m = /^@([^@]+)@(.*)$/.exec(instanceId);
  if (!m) throw new Error(`ENTITY_ID_INVALID: "${instanceId}" is not of the form @name@key`);
  return { name: (m[1] as string).toLowerCase(), key: m[2] as string };
}

/**
 * Applies a batch of operations to one entity: one invocation for the whole batch, then the
 * new state and the outgoing responses/signals are recorded together (so a crash before they
 * are sent resends them) and returned. Operations already applied (by request id) are skipped.
 */
export async function processEntity(existing: InstanceRecord | undefined, messages: ControlMessage[], run: RunEntity, at: Date): Promise<InstanceRecord | undefined> {
  const instanceId = messages[0]?.instanceId as string;
  const self = parseEntityId(instanceId);
  const entity: EntityRecord = existing?.entity ?? { exists: false, state: null, recent: [], outbox: [] };
  const ops = messages.filter((m): m is EntityOp => m.kind === 'entityOp' && !entity.recent.includes(m.id));
  if (ops.length === 0) return undefined;
  const binding = { self, exists: entity.exists, state: entity.state ?? undefined,
    batch: ops.map((o) => ({ name: o.op, input: o.input ?? undefined, isSignal: o.signal, id: o.id })) };
  let result: EntityBatchResult;
  try {
    result = await run(self.name, binding);
  } catch (error) {
    const message = JSON.stringify(error instanceof Error ? error.message : String(error));
    result = { results: ops.map(() => ({ isError: true, result: message })), signals: [], entityExists: entity.exists, entityState: entity.state ?? undefined };
  }
  const outbox: ControlMessage[] = [];
  ops.forEach((op, i) => {
    if (op.signal || !op.parent) return;
    const r = result.results[i] ?? { isError: false };
    const response = { ...(typeof r.result === 'string' ? { result: r.result } : {}), ...(r.isError ? { exceptionType: 'Error' } : {}) };
    outbox.push({ kind: 'event', instanceId: op.parent, executionId: op.parentExecutionId,
      event: { EventType: EventType.EventRaised, Name: op.id, Input: JSON.stringify(response), MessageId: op.id } });
  });
  for (const s of result.signals) {
    outbox.push({ kind: 'entityOp', instanceId: `@${s.target.name.toLowerCase()}@${s.target.key}`, op: s.name, signal: true,
      input: s.input ? s.input : null, id: randomUUID() });
  }
  const ts = at.toISOString();
  return {
    instanceId, name: self.name, runtimeStatus: 'Running', executionId: '', input: null, output: null, customStatus: null,
    createdTime: existing?.createdTime ?? ts, lastUpdatedTime: ts, parent: null, checkpoint: { nextId: 0, cursor: 0, retries: {} },
    historyCount: 0, outboxFrom: 0, outboxSent: false, held: [],
    entity: { exists: result.entityExists, state: result.entityExists ? result.entityState ?? null : null,
      recent: [...entity.recent, ...ops.map((o) => o.id)].slice(-500), outbox },
  };
}
