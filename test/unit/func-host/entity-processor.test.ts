import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEntityId, processEntity, type RunEntity } from '../../../local/func-host/durable/entity-processor.js';
import { EventType } from '../../../local/func-host/durable/history.js';
import type { ControlMessage } from '../../../local/func-host/durable/instance-record.js';

const op = (id: string, name: string, input: unknown, signal: boolean, parent?: string): ControlMessage => ({
  kind: 'entityOp', instanceId: '@counter@k', op: name, signal, input: input === undefined ? null : JSON.stringify(input), id,
  ...(parent ? { parent, parentExecutionId: 'e1' } : {}),
});

// A stand-in for the SDK's entity shim: sums "add" inputs, answers "get" with the state.
const counter: RunEntity = async (_name, binding) => {
  let state = binding.state === undefined ? 0 : JSON.parse(String(binding.state)) as number;
  const batch = binding.batch as { name: string; input?: string }[];
  const results = batch.map((b) => {
    if (b.name === 'add') { state += JSON.parse(String(b.input)) as number; return { isError: false }; }
    if (b.name === 'get') return { isError: false, result: JSON.stringify(state) };
    return { isError: true, result: JSON.stringify('unknown operation') };
  });
  return { results, signals: [], entityExists: true, entityState: JSON.stringify(state) };
};

test('an entity batch applies every new operation once and answers calls to their orchestrations', async () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const first = await processEntity(undefined, [op('r1', 'add', 2, true), op('r2', 'get', undefined, false, 'orch-1'), op('r3', 'nope', undefined, false, 'orch-1')], counter, at);
  assert.equal(first?.entity?.state, '2');
  assert.deepEqual(first?.entity?.outbox, [
    { kind: 'event', instanceId: 'orch-1', executionId: 'e1', event: { EventType: EventType.EventRaised, Name: 'r2', Input: '{"result":"2"}', MessageId: 'r2' } },
    { kind: 'event', instanceId: 'orch-1', executionId: 'e1', event: { EventType: EventType.EventRaised, Name: 'r3', Input: '{"result":"\\"unknown operation\\"","exceptionType":"Error"}', MessageId: 'r3' } },
  ]);
  const redelivered = await processEntity(first, [op('r1', 'add', 2, true)], counter, at);
  assert.equal(redelivered, undefined, 'an operation already applied is skipped');
  const second = await processEntity(first, [op('r1', 'add', 2, true), op('r4', 'add', 5, true), op('r4', 'add', 5, true)], counter, at);
  assert.equal(second?.entity?.state, '7', 'a duplicate inside one batch is applied once');
});

test('entity scheduler ids parse into a lower-cased name and the key', () => {
  assert.deepEqual(parseEntityId('@Counter@Key@1'), { name: 'counter', key: 'Key@1' });
  assert.throws(() => parseEntityId('counter'), /ENTITY_ID_INVALID: "counter" is not of the form @name@key/);
});
