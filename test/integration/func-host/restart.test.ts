import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHostStack, waitFor, waitForStatus, type HostStack } from './func-host-harness.js';

let stack: HostStack;
before(async () => { stack = await startHostStack('durable-app', { hubName: 'RestartHub' }); });
after(async () => { await stack?.stop(); });

test('a host killed (SIGKILL) in the middle of a fan-out resumes on restart and loses no activity result', async () => {
  const client = stack.client();
  const n = 200;
  const id = await client.startNew('slowFanOut', { input: n });
  const executed = (): number => stack.host.logs().filter((l) => l.includes("Executed 'Functions.slowDouble' (Succeeded")).length;
  await waitFor('some activities to finish', async () => (executed() >= 40 ? true : undefined));
  const killedPid = stack.host.pid;
  await stack.host.kill();
  assert.throws(() => process.kill(killedPid, 0), /ESRCH/);
  assert.equal((await fetch(`${stack.host.url}/admin/host/status`).catch(() => undefined)), undefined, 'the old host no longer answers');

  await stack.restart();
  const status = await waitForStatus(client, id, ['Completed', 'Failed'], 60_000);
  assert.equal(status.runtimeStatus, 'Completed');
  assert.deepEqual(status.output, Array.from({ length: n }, (_, i) => i * 2));
  const history = await fetch(`${stack.host.url}/durabletask/instances/${id}?showHistory=true`).then((r) => r.json()) as { historyEvents: { EventType: string }[] };
  const completions = history.historyEvents.filter((e) => e.EventType === 'TaskCompleted');
  assert.equal(completions.length, n, 'each activity result is in history exactly once');
});
