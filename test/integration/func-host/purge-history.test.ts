import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type * as df from 'durable-functions';
import { startHostStack, type HostStack } from './func-host-harness.js';
import { historyPurger, orchestrationClient } from '../../../functions/durable-client-ports.js';
import { purgeOrchestrationHistory } from '../../../shared/api/purge-orchestration-history.js';
import type { InstanceState } from '../../../shared/domain/operations/lease.js';

const DAY_IN_MS = 24 * 60 * 60 * 1000;

let stack: HostStack;
let client: df.DurableClient;
before(async () => {
  stack = await startHostStack('durable-app');
  client = stack.client();
});
after(async () => { await stack.stop(); });

/** Polls the instance until it reaches one of `states` (within a deadline, never a bare sleep). */
async function waitForState(id: string, states: InstanceState[]): Promise<InstanceState> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await orchestrationClient(client).state(id);
    if (states.includes(state) || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('the product\'s purge deletes old finished instances on the local host and keeps running and recent ones', async () => {
  const old = { completed: await client.startNew('chain', { instanceId: 'old-completed', input: 'x' }),
    failed: await client.startNew('failing', { instanceId: 'old-failed' }),
    running: await client.startNew('waitForever', { instanceId: 'old-running' }) };
  assert.equal(await waitForState(old.completed, ['Completed']), 'Completed');
  assert.equal(await waitForState(old.failed, ['Failed']), 'Failed');
  assert.equal(await waitForState(old.running, ['Running']), 'Running');
  // The host stamps creation with this machine's clock when startNew is answered, so a reading
  // taken between the batches separates them (status shows createdTime only to the second).
  const cut = Date.now();
  const recent = await client.startNew('chain', { instanceId: 'recent-completed', input: 'y' });
  assert.equal(await waitForState(recent, ['Completed']), 'Completed');

  // "Now" is 30 days after the cut: the old batch is past the retention, the recent one is not.
  const result = await purgeOrchestrationHistory({ purger: historyPurger(client), retentionDays: 30, now: () => new Date(cut + 30 * DAY_IN_MS) });

  assert.equal(result.window.createdTimeTo.getTime(), cut);
  assert.equal(result.instancesDeleted, 2);
  const states = Object.fromEntries(await Promise.all([...Object.values(old), recent].map(async (id) => [id, await orchestrationClient(client).state(id)])));
  assert.deepEqual(states, { 'old-completed': 'NotFound', 'old-failed': 'NotFound', 'old-running': 'Running', 'recent-completed': 'Completed' });
  const again = await purgeOrchestrationHistory({ purger: historyPurger(client), retentionDays: 30, now: () => new Date(cut + 30 * DAY_IN_MS) });
  assert.equal(again.instancesDeleted, 0, 'a second run in the same window deletes nothing');
});
