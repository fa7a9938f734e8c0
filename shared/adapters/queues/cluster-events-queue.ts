import type { QueueClient } from '@azure/storage-queue';
import type { HealthStatusChangedEvent } from '../../domain/health/health-store.js';
import type { EventsQueue } from '../../domain/ports/events-queue.js';
import { decodeQueueMessage, encodeQueueMessage } from './encode-queue-message.js';

/** The storage queue status changes go to, for whoever subscribes. */
export const CLUSTER_EVENTS_QUEUE = 'cluster-events';

/**
 * Publishes cluster events on the `cluster-events` storage queue. Messages are base64 JSON,
 * the encoding a Functions queue trigger expects by default. Delivery is at least once:
 * consumers dedupe on `checkId`.
 */
export class ClusterEventsQueue implements EventsQueue {
  constructor(private readonly queue: QueueClient) {}

  /** Creates the queue if missing (idempotent). */
  async ensureQueue(): Promise<void> {
    await this.queue.createIfNotExists();
  }

  async publish(event: HealthStatusChangedEvent): Promise<void> {
    await this.queue.sendMessage(encodeQueueMessage(event));
  }
}

/** Decodes a message body the way publish encodes it. */
export function decodeClusterEvent(messageText: string): HealthStatusChangedEvent {
  return decodeQueueMessage<HealthStatusChangedEvent>(messageText);
}
