import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newExecution, restoreExecution, checkpointOf, type ExecutionState } from '../../../local/func-host/durable/execution-state.js';
import { EventType } from '../../../local/func-host/durable/history.js';
import { outgoingFor } from '../../../local/func-host/durable/outbox.js';
import { closeEpisode, openEpisode, retryDelayInMs, splitEpisodes } from '../../../local/func-host/durable/replay-episode.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const guid = (): string => 'guid-1';
const fresh = (): ExecutionState => newExecution({ instanceId: 'i1', executionId: 'e1', name: 'orch', input: '"x"', parentInstanceId: null });
const started = { EventType: EventType.ExecutionStarted, Name: 'orch', Input: '"x"' };
const call = (name: string, input: unknown) => ({ functionName: name, actionType: 0, input });
const retryCall = (name: string) => ({ functionName: name, actionType: 1, input: null,
  retryOptions: { firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 2, backoffCoefficient: 2 } });
const scheduled = (s: ExecutionState) => s.history.filter((e) => e.EventId >= 0).map((e) => [e.EventType, e.EventId]);

test('new action leaves get the SDK sequence numbers in depth-first order; the action list is cumulative', () => {
  const s = fresh();
  openEpisode(s, [started], at(0));
  const fanOut = { actionType: 12, compoundActions: [call('a', '"Tokyo"'), call('a', { city: 'Seattle' })] };
  assert.deepEqual(closeEpisode(s, { isDone: false, actions: [[fanOut]] }, at(0), guid), { kind: 'running' });
  assert.deepEqual(scheduled(s), [[EventType.TaskScheduled, 0], [EventType.TaskScheduled, 1]]);
  assert.equal(s.history.find((e) => e.EventId === 0)?.Input, '"Tokyo"', 'double-encoded string input decoded once');
  openEpisode(s, [{ EventType: EventType.TaskCompleted, TaskScheduledId: 1, Result: '"hi"' }, { EventType: EventType.TaskCompleted, TaskScheduledId: 0, Result: '"yo"' }], at(10));
  const timer = { actionType: 5, fireAt: at(60_000).toISOString(), isCanceled: false };
  closeEpisode(s, { isDone: false, actions: [[fanOut, timer, { actionType: 6, externalEventName: 'E' }]] }, at(10), guid);
  assert.deepEqual(scheduled(s).at(-1), [EventType.TimerCreated, 2]);
  assert.equal(s.nextId, 3, 'WaitForExternalEvent takes no id');
  assert.ok(s.history.every((e) => e.IsPlayed), 'closed episodes are marked played');
});

test('a retryable failure allocates the retry timer, its firing reschedules, and the last attempt allocates nothing', () => {
  const s = fresh();
  openEpisode(s, [started], at(0));
  closeEpisode(s, { isDone: false, actions: [[retryCall('flaky')]] }, at(0), guid);
  openEpisode(s, [{ EventType: EventType.TaskFailed, TaskScheduledId: 0, Reason: 'r', Details: 'd' }], at(100));
  const timer = s.history.find((e) => e.EventType === EventType.TimerCreated);
  assert.equal(timer?.EventId, 1);
  assert.equal(timer?.FireAt, at(1100).toISOString());
  closeEpisode(s, { isDone: false, actions: [[retryCall('flaky')]] }, at(100), guid);
  openEpisode(s, [{ EventType: EventType.TimerFired, TimerId: 1 }], at(1100));
  assert.deepEqual(scheduled(s).at(-1), [EventType.TaskScheduled, 2]);
  closeEpisode(s, { isDone: false, actions: [[retryCall('flaky')]] }, at(1100), guid);
  openEpisode(s, [{ EventType: EventType.TaskFailed, TaskScheduledId: 2, Reason: 'r', Details: 'd' }], at(1200));
  const second = s.history.filter((e) => e.EventType === EventType.TimerCreated)[1];
  assert.equal(second?.FireAt, at(3200).toISOString(), 'backoff coefficient 2 doubles the delay');
  closeEpisode(s, { isDone: false, actions: [[retryCall('flaky')]] }, at(1200), guid);
  const before = s.nextId;
  openEpisode(s, [{ EventType: EventType.TimerFired, TimerId: 3 }], at(3200));
  assert.equal(s.nextId, before, 'after maxNumberOfAttempts the SDK fails the task itself');
});

test('an event with a retry follow-up always starts its own episode', () => {
  const s = fresh();
  openEpisode(s, [started], at(0));
  closeEpisode(s, { isDone: false, actions: [[{ actionType: 12, compoundActions: [retryCall('f'), call('g', null)] }]] }, at(0), guid);
  const done = { EventType: EventType.TaskCompleted, TaskScheduledId: 1, Result: 'null' };
  const failed = { EventType: EventType.TaskFailed, TaskScheduledId: 0, Reason: 'r', Details: 'd' };
  assert.deepEqual(splitEpisodes(s, [done, failed, done]), [[done], [failed, done]]);
  assert.deepEqual(splitEpisodes(s, [done, done]), [[done, done]]);
});

test('redelivered events are dropped, also after a restore from stored history', () => {
  const s = fresh();
  openEpisode(s, [started], at(0));
  closeEpisode(s, { isDone: false, actions: [[call('a', null)]] }, at(0), guid);
  const done = { EventType: EventType.TaskCompleted, TaskScheduledId: 0, Result: '1' };
  assert.equal(openEpisode(s, [done], at(1)), 1);
  closeEpisode(s, { isDone: true, actions: [[call('a', null)]], output: 1 }, at(1), guid);
  const restored = restoreExecution({ instanceId: 'i1', executionId: 'e1', name: 'orch', input: '"x"', parentInstanceId: null },
    JSON.parse(JSON.stringify(s.history)), checkpointOf(s));
  assert.equal(openEpisode(restored, [done, started], at(2)), 0);
});

test('outcomes: completion, the extension\'s failure text, continueAsNew input, custom status', () => {
  const s = fresh();
  openEpisode(s, [started], at(0));
  assert.deepEqual(closeEpisode(s, { isDone: true, actions: [[]], output: [1], customStatus: { p: 1 } }, at(0), guid),
    { kind: 'completed', output: '[1]', customStatus: '{"p":1}' });
  const f = fresh();
  openEpisode(f, [started], at(0));
  assert.deepEqual(closeEpisode(f, { isDone: false, actions: [[]], error: 'boom' }, at(0), guid),
    { kind: 'failed', output: JSON.stringify("Orchestrator function 'orch' failed: boom") });
  const c = fresh();
  openEpisode(c, [started], at(0));
  assert.deepEqual(closeEpisode(c, { isDone: true, actions: [[{ actionType: 4, input: '"next"' }]] }, at(0), guid),
    { kind: 'continuedAsNew', input: '"next"' });
});

test('entity calls become EventSent requests and outgoing entity operations', () => {
  const s = fresh();
  openEpisode(s, [started], at(0));
  closeEpisode(s, { isDone: false, actions: [[{ actionType: 9, operation: 'add', instanceId: '@counter@k', input: 5 },
    { actionType: 7, operation: 'get', instanceId: '@counter@k' }]] }, at(0), guid);
  const sent = s.history.filter((e) => e.EventType === EventType.EventSent);
  assert.deepEqual(sent.map((e) => e.EventId), [0, 1]);
  assert.deepEqual(JSON.parse(String(sent[0]?.Input)), { op: 'add', signal: true, input: '5', id: 'guid-1', parent: 'i1' });
  const out = outgoingFor('i1', 'e1', null, sent, at(0).getTime());
  assert.deepEqual(out.control.map((c) => c.message.kind), ['entityOp', 'entityOp']);
});

test('retry delays follow first * coefficient^(n-1), capped by the maximum', () => {
  const o = { firstRetryIntervalInMilliseconds: 100, maxNumberOfAttempts: 9, backoffCoefficient: 3, maxRetryIntervalInMilliseconds: 1000 };
  assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayInMs(o, n)), [100, 300, 900, 1000]);
});
