import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type * as dfTypes from 'durable-functions';
import { startHostStack, waitForStatus, type HostStack } from './func-host-harness.js';
import { waitFor } from '../../support/wait-for.js';

const df = createRequire(import.meta.url)('durable-functions') as typeof dfTypes;

let stack: HostStack;
before(async () => { stack = await startHostStack('durable-app', { hubName: 'RestartHub' }); });
after(async () => { await stack?.stop(); });

test('a host killed (SIGKILL) in the middle of a fan-out resumes on restart and loses no activity result', async () => {
  const client = stack.client();
  const n = 200;
  const id = await client.startNew('slowFanOut', { input: n });
  const executed = (): number => stack.host.logs().filter((l) => l.includes("Executed 'Functions.slowDouble' (Succeeded")).length;
  await waitFor('some activities to finish', 20_000, async () => (executed() >= 40 ? true : undefined));
  const killedPid = stack.host.pid;
  await stack.host.kill();
  assert.throws(() => process.kill(killedPid, 0), /ESRCH/);
  assert.equal((await fetch(`${stack.host.url}/admin/host/status`).catch(() => undefined)), undefined, 'the old host no longer answers');

  await stack.restart();
  const status = await waitForStatus(client, id, ['Completed', 'Failed'], 60_000);
  assert.equal(status.runtimeStatus, 'Completed');
  assert.deepEqual(status.output, Array.from({ length: n }, (_, i) => i * 2));
  const history = await stack.systemFetch(`/durabletask/instances/${id}?showHistory=true`).then((r) => r.json()) as { historyEvents: { EventType: string }[] };
  const completions = history.historyEvents.filter((e) => e.EventType === 'TaskCompleted');
  assert.equal(completions.length, n, 'each activity result is in history exactly once');
});

test('sub-orchestrations, timers, continueAsNew, entities and retries in flight all survive a SIGKILL', async () => {
  const client = stack.client();
  const ids: Record<string, string> = {
    parent: await client.startNew('parent'),
    approval: await client.startNew('approval', { input: { timeoutMs: 2000 } }),
    countUp: await client.startNew('countUp', { input: 0 }),
    useCounter: await client.startNew('useCounter', { input: 'restart' }),
    retrying: await client.startNew('retrying', { input: { key: 'restart', succeedOn: 3, maxAttempts: 4 } }),
  };
  await waitFor('the instances to be under way', 20_000, async () => (stack.host.logs().some((l) => l.includes("Executed 'Functions.child'")) ? true : undefined));
  await stack.host.kill();
  await stack.restart();
  const outputs: Record<string, unknown> = {};
  for (const [name, id] of Object.entries(ids)) outputs[name] = (await waitForStatus(client, id, ['Completed', 'Failed'], 60_000)).output;
  assert.equal((outputs.parent as unknown[]).length, 2);
  assert.deepEqual(outputs.approval, { approved: false });
  assert.equal(outputs.countUp, 5);
  assert.equal(outputs.useCounter, 7, 'each entity operation applied exactly once');
  assert.equal((outputs.retrying as { attempts: number }).attempts >= 1, true);
  const entity = await client.readEntityState<number>(new df.EntityId('Counter', 'restart'));
  assert.equal(entity.entityState, 7);
});
