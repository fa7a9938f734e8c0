import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';
import { startHostStack, type HostStack } from './func-host-harness.js';
import { waitFor } from '../../support/wait-for.js';

/** Reads and deletes every visible message of a queue, decoding base64 as the host wrote it. */
async function drain(queue: QueueClient): Promise<string[]> {
  await queue.createIfNotExists();
  const r = await queue.receiveMessages({ numberOfMessages: 32 });
  for (const m of r.receivedMessageItems) await queue.deleteMessage(m.messageId, m.popReceipt);
  return r.receivedMessageItems.map((m) => Buffer.from(m.messageText, 'base64').toString('utf8'));
}

describe('timer and queue triggers', () => {
  let stack: HostStack;
  const queue = (name: string): QueueClient => new QueueClient(stack.azurite.connectionString, name);
  before(async () => {
    stack = await startHostStack('triggers-app', {
      env: { AzureFunctionsWebHost__hostid: 'triggers-test' },
      beforeHost: async (connectionString) => {
        // A status blob whose next occurrence lies in the past: the host was down when it was due.
        const container = BlobServiceClient.fromConnectionString(connectionString).getContainerClient('azure-webjobs-hosts');
        await container.createIfNotExists();
        const status = JSON.stringify({ Last: '2020-01-01T03:00:00.000Z', Next: '2020-01-02T03:00:00.000Z', LastUpdated: '2020-01-01T03:00:00.000Z' });
        await container.getBlockBlobClient('timers/triggers-test/nightly/status').upload(status, status.length);
      },
    });
  });
  after(async () => { await stack?.stop(); });

  test('a six-field schedule fires every second and keeps its status in a blob', async () => {
    const ticks: { isPastDue: boolean; last: string | null }[] = [];
    await waitFor('two ticks', 20_000, async () => {
      ticks.push(...(await drain(queue('ticks'))).map((t) => JSON.parse(t) as { isPastDue: boolean; last: string | null }));
      return ticks.length >= 2 ? true : undefined;
    });
    assert.equal(ticks[0]?.isPastDue, false);
    const lasts = ticks.map((t) => t.last).filter((l): l is string => l !== null);
    assert.ok(lasts.length >= 1, 'a later tick sees the previous occurrence as scheduleStatus.last');
    assert.equal(Date.parse(lasts[0] as string) % 1000, 0, 'occurrences fall on whole seconds');
    const blob = BlobServiceClient.fromConnectionString(stack.azurite.connectionString).getContainerClient('azure-webjobs-hosts')
      .getBlockBlobClient('timers/triggers-test/tick/status');
    const status = JSON.parse((await blob.downloadToBuffer()).toString('utf8')) as { Last: string; Next: string };
    assert.equal(Date.parse(status.Next) - Date.parse(status.Last) >= 1000, true);
  });

  test('a missed occurrence runs once at start with isPastDue', async () => {
    const runs = await waitFor('the past-due run', 20_000, async () => {
      const got = await drain(queue('nightly-runs'));
      return got.length > 0 ? got : undefined;
    });
    assert.deepEqual(runs.map((r) => JSON.parse(r)), [{ isPastDue: true }]);
  });

  test('runOnStartup runs a timer once when the host starts; without a monitor it has no status', async () => {
    const runs = await waitFor('the start-up run', 20_000, async () => {
      const got = await drain(queue('startup-runs'));
      return got.length > 0 ? got : undefined;
    });
    assert.deepEqual(runs.map((r) => JSON.parse(r)), [{ isPastDue: false, status: null }]);
  });

  test('queue messages run the function with dequeue metadata; output bindings enqueue', async () => {
    await queue('work-items').createIfNotExists();
    await queue('work-items').sendMessage(Buffer.from(JSON.stringify({ id: 'ok-1' })).toString('base64'));
    const done = await waitFor('the done message', 20_000, async () => {
      const got = await drain(queue('done'));
      return got.length > 0 ? got : undefined;
    });
    assert.deepEqual(JSON.parse(done[0] as string), { id: 'ok-1', dequeueCount: 1 });
  });

  test('a message that fails five times moves to the poison queue', async () => {
    const text = Buffer.from(JSON.stringify({ id: 'bad-1', fail: true })).toString('base64');
    await queue('work-items').sendMessage(text);
    const poisoned = await waitFor('the poison message', 30_000, async () => {
      const r = await queue('work-items-poison').receiveMessages();
      return r.receivedMessageItems.length > 0 ? r.receivedMessageItems : undefined;
    });
    assert.equal(poisoned[0]?.messageText, text);
    const failures = stack.host.logs().filter((l) => l.includes("Executed 'Functions.work' (Failed"));
    assert.equal(failures.length, 5);
    assert.ok(stack.host.logs().some((l) => l.includes('cannot process bad-1')));
  });

  test('the admin endpoint runs a non-HTTP function on demand', async () => {
    const r = await stack.systemFetch(`/admin/functions/work`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: JSON.stringify({ id: 'from-admin' }) }) });
    assert.equal(r.status, 202);
    const done = await waitFor('the admin-run output', 20_000, async () => {
      const got = (await drain(queue('done'))).map((t) => JSON.parse(t) as { id: string });
      return got.find((d) => d.id === 'from-admin');
    });
    assert.equal(done.id, 'from-admin');
    const bad = await stack.systemFetch(`/admin/functions/work`, { method: 'POST', body: '{"input": 5}' });
    assert.equal(bad.status, 400);
    assert.equal((await stack.systemFetch(`/admin/functions/none`, { method: 'POST' })).status, 404);
  });
});
