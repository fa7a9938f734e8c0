import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EventsQueue } from '../../shared/domain/ports/events-queue.js';
import type { HealthStatusChangedEvent } from '../../shared/domain/health/health-store.js';

/** One EventsQueue and a way to read what its subscriber gets; each run supplies the reader. */
export interface EventsQueueUnderTest {
  queue: EventsQueue;
  /** Every event a subscriber has received so far, oldest first. */
  received(): Promise<HealthStatusChangedEvent[]>;
}

const event = (cluster: string, checkId: string): HealthStatusChangedEvent => ({
  type: 'ClusterHealthChanged', cluster, previousStatus: 'Healthy', status: 'Degraded', at: '2026-03-01T10:05:00.000Z', checkId,
  // decideHealthEvent maps cluster-wide findings with `node: undefined`; JSON on the wire drops it.
  findings: [{ code: 'node-down', severity: 'warning', node: 'n2' },
    { code: 'dc-quorum-lost', severity: 'critical', node: undefined }],
});

/**
 * The EventsQueue contract: the `cluster-events` storage queue on Azurite and the in-memory twin
 * run these same cases, so what a unit test sees published is what a subscriber would decode.
 */
export function describeEventsQueueContract(name: string, subject: () => EventsQueueUnderTest): void {
  const of = async (cluster: string) => (await subject().received()).filter((e) => e.cluster === cluster);

  describe(`EventsQueue contract: ${name}`, () => {
    it('delivers a published event whole, as a subscriber decodes it', async () => {
      await subject().queue.publish(event('alpha', 'a1'));
      assert.deepEqual(await of('alpha'), [{
        type: 'ClusterHealthChanged', cluster: 'alpha', previousStatus: 'Healthy', status: 'Degraded',
        at: '2026-03-01T10:05:00.000Z', checkId: 'a1',
        findings: [{ code: 'node-down', severity: 'warning', node: 'n2' }, { code: 'dc-quorum-lost', severity: 'critical' }],
      }]);
    });

    it('delivers a republished event again (consumers dedupe on checkId), unchanged by later edits', async () => {
      const published = event('beta', 'b1');
      await subject().queue.publish(published);
      await subject().queue.publish(published);
      published.status = 'Critical';
      await subject().queue.publish(event('beta', 'b2'));
      const received = await of('beta');
      assert.deepEqual(received.map((e) => e.checkId).sort(), ['b1', 'b1', 'b2']);
      assert.deepEqual(received.map((e) => e.status), ['Degraded', 'Degraded', 'Degraded']);
    });
  });
}
