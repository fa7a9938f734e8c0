import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AlertQueue, QueuedAlert } from '../../shared/domain/ports/alert-queue.js';
import { vmAlert } from '../unit/domain/health/alert-fixtures.js';

/** One AlertQueue and a way to read what the alert worker gets; each run supplies the reader. */
export interface AlertQueueUnderTest {
  queue: AlertQueue;
  /** Every alert the worker has received so far, oldest first. */
  received(): Promise<QueuedAlert[]>;
}

const queued = (vmName: string, receivedAt: string): QueuedAlert => ({
  alert: vmAlert(`/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/${vmName}`) as
    QueuedAlert['alert'],
  receivedAt,
});
const vmOf = (q: QueuedAlert) => q.alert.data.essentials.alertTargetIDs[0]!.split('/').at(-1);

/**
 * The AlertQueue contract: the `health-alerts` storage queue on Azurite and the in-memory twin
 * run these same cases, so what a unit test sees enqueued is what the alert worker would decode.
 */
export function describeAlertQueueContract(name: string, subject: () => AlertQueueUnderTest): void {
  const of = async (vmName: string) => (await subject().received()).filter((q) => vmOf(q) === vmName);

  describe(`AlertQueue contract: ${name}`, () => {
    it('delivers an enqueued alert whole: the common alert schema payload and when it was received', async () => {
      await subject().queue.enqueue(queued('vm-a', '2026-03-01T10:00:00.000Z'));
      assert.deepEqual(await of('vm-a'), [queued('vm-a', '2026-03-01T10:00:00.000Z')]);
    });

    it('delivers one message per enqueue, unchanged by later edits to the caller\'s object', async () => {
      const alert = queued('vm-b', '2026-03-01T10:00:00.000Z');
      await subject().queue.enqueue(alert);
      alert.receivedAt = 'edited';
      await subject().queue.enqueue(queued('vm-b', '2026-03-01T10:00:05.000Z'));
      const times = (await of('vm-b')).map((q) => q.receivedAt).sort();
      assert.deepEqual(times, ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:05.000Z']);
    });
  });
}
