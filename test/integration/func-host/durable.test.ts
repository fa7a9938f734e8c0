import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type * as dfTypes from 'durable-functions';
import { startHostStack, waitForStatus, type HostStack } from './func-host-harness.js';
import { waitFor } from '../../support/wait-for.js';

const df = createRequire(import.meta.url)('durable-functions') as typeof dfTypes;

describe('durable functions on the local host', () => {
  let stack: HostStack;
  let client: dfTypes.DurableClient;
  before(async () => {
    stack = await startHostStack('durable-app');
    client = stack.client();
  });
  after(async () => { await stack?.stop(); });

  test('chaining through an HTTP starter returns the check-status response and the output', async () => {
    const started = await fetch(`${stack.host.url}/api/start/chain`, { method: 'POST', body: '"London"' });
    assert.equal(started.status, 202);
    const payload = await started.json() as { id: string; statusQueryGetUri: string };
    assert.equal(started.headers.get('location'), payload.statusQueryGetUri);
    assert.ok(payload.statusQueryGetUri.startsWith(`${stack.host.url}/runtime/webhooks/durabletask/instances/${payload.id}`));
    const status = await waitForStatus(client, payload.id, ['Completed']);
    assert.deepEqual(status.output, ['Hello Tokyo', 'Hello Seattle', 'Hello London']);
    assert.deepEqual(status.customStatus, { stage: 'done' });
    assert.equal(status.input, 'London');
    const polled = await fetch(payload.statusQueryGetUri);
    assert.equal(polled.status, 200);
    assert.equal((await polled.json() as { runtimeStatus: string }).runtimeStatus, 'Completed');
  });

  test('waitForCompletionOrCreateCheckStatusResponse answers 200 with the output', async () => {
    const r = await fetch(`${stack.host.url}/api/run/fanOut`, { method: 'POST', body: '100' });
    assert.equal(r.status, 200);
    const out = await r.json() as { count: number; sum: number; results: number[] };
    assert.equal(out.count, 100);
    assert.equal(out.sum, 9900);
    assert.deepEqual(out.results.slice(0, 3), [0, 2, 4]);
  });

  test('activity retries back off and stop at maxNumberOfAttempts', async () => {
    const ok = await client.startNew('retrying', { input: { key: 'r1', succeedOn: 3, maxAttempts: 4 } });
    const failing = await client.startNew('retrying', { input: { key: 'r2', succeedOn: 10, maxAttempts: 2 } });
    const s1 = await waitForStatus(client, ok, ['Completed']);
    assert.equal((s1.output as { attempts: number }).attempts, 3);
    const s2 = await waitForStatus(client, failing, ['Completed']);
    assert.deepEqual(s2.output, { failed: true, message: 'flaky failure 2 ' });
    const history = await stack.systemFetch(`/durabletask/instances/${ok}?showHistory=true`).then((r) => r.json()) as { historyEvents: { EventType: string; FireAt?: string; Timestamp: string }[] };
    const retryTimers = history.historyEvents.filter((e) => e.EventType === 'TimerCreated');
    assert.equal(retryTimers.length, 2);
    const gaps = retryTimers.map((t) => Date.parse(t.FireAt as string) - Date.parse(t.Timestamp));
    assert.ok(gaps[0]! >= 400 && gaps[0]! <= 700, `first retry after ~500 ms, got ${gaps[0]}`);
    assert.ok(gaps[1]! >= 900 && gaps[1]! <= 1200, `second retry after ~1000 ms (backoff 2), got ${gaps[1]}`);
  });

  test('an external event beats the timer, and the timer wins when no event comes', async () => {
    const approved = await client.startNew('approval', { input: { timeoutMs: 30_000 } });
    const timedOut = await client.startNew('approval', { input: { timeoutMs: 500 } });
    await waitForStatus(client, approved, ['Running']);
    await client.raiseEvent(approved, 'Approve', 'alice');
    assert.deepEqual((await waitForStatus(client, approved, ['Completed'])).output, { approved: true, by: 'alice' });
    assert.deepEqual((await waitForStatus(client, timedOut, ['Completed'])).output, { approved: false });
  });

  test('sub-orchestrations complete, and a failing one is retried', async () => {
    const id = await client.startNew('parent');
    const status = await waitForStatus(client, id, ['Completed', 'Failed']);
    assert.deepEqual(status.output, [{ child: 'a', doubled: 42 }, { child: id, attempts: 2 }]);
  });

  test('continueAsNew counts up through new executions', async () => {
    const id = await client.startNew('countUp', { input: 0 });
    const status = await waitForStatus(client, id, ['Completed']);
    assert.equal(status.output, 5);
    assert.deepEqual(status.customStatus, { n: 5 });
  });

  test('entities: signals from the client and an orchestration, calls return the state', async () => {
    const entityId = new df.EntityId('Counter', 'k1');
    await client.signalEntity(entityId, 'add', 10);
    await waitFor('entity state 10', 20_000, async () => {
      const s = await client.readEntityState<number>(entityId);
      return s.entityExists && s.entityState === 10 ? true : undefined;
    });
    const id = await client.startNew('useCounter', { input: 'k1' });
    const status = await waitForStatus(client, id, ['Completed']);
    assert.equal(status.output, 17);
    const missing = await client.readEntityState(new df.EntityId('Counter', 'nobody'));
    assert.equal(missing.entityExists, false);
  });

  test('suspend holds events, resume applies them, terminate ends an instance', async () => {
    const id = await client.startNew('waitForever');
    await waitForStatus(client, id, ['Running']);
    await client.suspend(id, 'hold on');
    await waitForStatus(client, id, ['Suspended']);
    await client.raiseEvent(id, 'Go', 4);
    await client.resume(id, 'go on');
    assert.equal((await waitForStatus(client, id, ['Completed'])).output, 8);
    const history = await stack.systemFetch(`/durabletask/instances/${id}?showHistory=true`).then((r) => r.json()) as { historyEvents: { EventType: string }[] };
    const order = history.historyEvents.map((e) => e.EventType).filter((t) => /Suspended|Resumed|EventRaised/.test(t));
    assert.deepEqual(order, ['ExecutionSuspended', 'ExecutionResumed', 'EventRaised'], 'the event raised while suspended is applied only after resume');

    const doomed = await client.startNew('waitForever');
    await waitForStatus(client, doomed, ['Running']);
    await client.terminate(doomed, 'no longer needed');
    const terminated = await waitForStatus(client, doomed, ['Terminated']);
    assert.equal(terminated.output, 'no longer needed');
    assert.equal(terminated.customStatus, 'waiting');
    const late = await stack.systemFetch(`/durabletask/instances/${doomed}/raiseEvent/Go`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '1' });
    assert.equal(late.status, 410);
  });

  test('a failing orchestrator is Failed with the extension\'s message, and waitForCompletion answers 500', async () => {
    const r = await fetch(`${stack.host.url}/api/run/failing`, { method: 'POST' });
    assert.equal(r.status, 500);
    const body = await r.json() as { runtimeStatus: string; output: string };
    assert.equal(body.runtimeStatus, 'Failed');
    assert.match(body.output, /^Orchestrator function 'failing' failed: orchestrator exploded/);
  });

  test('listing filters by status and time and pages with continuation tokens; purge deletes', async () => {
    const since = new Date(Date.now() - 1000);
    const ids = await Promise.all([1, 2, 3].map((i) => client.startNew('fanOut', { instanceId: `list-${i}`, input: 2 })));
    for (const id of ids) await waitForStatus(client, id, ['Completed']);
    const completed = await client.getStatusBy({ createdTimeFrom: since, runtimeStatus: [df.OrchestrationRuntimeStatus.Completed] });
    assert.deepEqual(ids.filter((id) => completed.some((s) => s.instanceId === id)), ids);
    const page = await stack.systemFetch(`/durabletask/instances/?top=2`);
    assert.ok(page.headers.get('x-ms-continuation-token'), 'a first page of 2 has a continuation token');
    const all = await client.getStatusAll();
    assert.ok(all.length >= 3 + 1);
    assert.equal((await client.purgeInstanceHistory('list-1')).instancesDeleted, 1);
    await assert.rejects(client.getStatus('list-1'), /404/);
    const purged = await client.purgeInstanceHistoryBy({ createdTimeFrom: since, runtimeStatus: [df.OrchestrationRuntimeStatus.Completed] });
    assert.ok(purged.instancesDeleted >= 2);
    await assert.rejects(client.getStatus('list-2'), /404/);
  });

  test('host.json maxConcurrentActivityFunctions bounds how many activities run at once', async () => {
    const id = await client.startNew('concurrencyProbe', { input: 60 });
    const peak = (await waitForStatus(client, id, ['Completed'])).output as number;
    assert.ok(peak <= 16, `at most 16 activities at once (host.json), saw ${peak}`);
    assert.ok(peak >= 4, `activities do run in parallel, saw ${peak}`);
  });

  test('an activity longer than the work-item visibility timeout runs once (its message is renewed)', async () => {
    const id = await client.startNew('longActivity', { input: 5_000 });
    assert.equal((await waitForStatus(client, id, ['Completed'])).output, 'rested');
    const starts = stack.host.logs().filter((l) => l.includes("Executing 'Functions.sleepy'"));
    assert.equal(starts.length, 1);
  });

  test('payloads larger than a queue message travel through the large-message container', async () => {
    const text = 'x'.repeat(60_000);
    const id = await client.startNew('bigPayload', { input: text });
    const status = await waitForStatus(client, id, ['Completed', 'Failed']);
    assert.deepEqual(status.output, { inputLength: 60_000, outputLength: 120_000, intact: true });
  });

  test('web pages reach neither the durable endpoints nor the admin API, even with the key; without it, no one does', async () => {
    const instances = async () => (await client.getStatusAll()).length;
    const before = await instances();
    const key = { 'x-functions-key': stack.host.systemKey };
    const pages: Record<string, string>[] = [{ origin: 'http://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-origin' }];
    for (const path of ['/durabletask/orchestrators/chain', '/runtime/webhooks/durabletask/orchestrators/chain', '/admin/functions/none']) {
      for (const page of pages) {
        const r = await fetch(`${stack.host.url}${path}`, { method: 'POST', headers: { ...key, ...page, 'content-type': 'application/json' }, body: '"x"' });
        assert.equal(r.status, 403, `${path} from ${JSON.stringify(page)}`);
        assert.equal((await r.json() as { code: string }).code, 'HOST_BROWSER_REFUSED');
      }
      for (const wrong of [{}, { 'x-functions-key': 'guess' }] as Record<string, string>[]) {
        const r = await fetch(`${stack.host.url}${path}`, { method: 'POST', headers: wrong, body: '"x"' });
        assert.equal(r.status, 401, `${path} with ${JSON.stringify(wrong)}`);
        assert.equal((await r.json() as { code: string }).code, 'HOST_UNAUTHORIZED');
      }
    }
    assert.equal(await instances(), before, 'nothing was started');
    const typed = await fetch(`${stack.host.url}/durabletask/instances/?top=1`, { headers: { ...key, 'sec-fetch-site': 'none' } });
    assert.equal(typed.status, 200, 'a URL the user typed is not a page\'s request');
  });

  test('function routes refuse pages on other origins and keep serving their own origin and non-browser clients', async () => {
    const start = (headers: Record<string, string>) => fetch(`${stack.host.url}/api/start/chain`, { method: 'POST', headers, body: '"Oslo"' });
    for (const page of [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const r = await start(page);
      assert.equal(r.status, 403, JSON.stringify(page));
      assert.equal((await r.json() as { code: string }).code, 'HOST_CROSS_ORIGIN_REFUSED');
    }
    for (const ok of [{}, { origin: stack.host.url, 'sec-fetch-site': 'same-origin' }] as Record<string, string>[]) {
      const r = await start(ok);
      assert.equal(r.status, 202, JSON.stringify(ok));
      await waitForStatus(client, (await r.json() as { id: string }).id, ['Completed']);
    }
  });

  test('bad requests get clear errors naming the problem', async () => {
    const unknown = await stack.systemFetch(`/durabletask/orchestrators/nope`, { method: 'POST' });
    assert.equal(unknown.status, 400);
    assert.match((await unknown.json() as { message: string }).message, /'nope' doesn't exist/);
    const badId = await stack.systemFetch(`/durabletask/orchestrators/chain/a%23b`, { method: 'POST', body: '1' });
    assert.equal(badId.status, 400);
    assert.equal((await badId.json() as { code: string }).code, 'DURABLE_INSTANCE_ID_INVALID');
    const badBody = await stack.systemFetch(`/durabletask/orchestrators/chain`, { method: 'POST', body: '{oops' });
    assert.equal(badBody.status, 400);
    const badStatus = await stack.systemFetch(`/durabletask/instances/?runtimeStatus=Sleeping`);
    assert.equal(badStatus.status, 400);
    assert.match((await badStatus.json() as { message: string }).message, /runtimeStatus "Sleeping"/);
    await assert.rejects(client.getStatus('does-not-exist'), /404/);
  });
});
