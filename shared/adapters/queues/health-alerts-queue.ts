import type { QueueClient } from '@azure/storage-queue';
import type { AlertQueue, QueuedAlert } from '../../domain/ports/alert-queue.js';
import { encodeQueueMessage } from './encode-queue-message.js';

/** The storage queue accepted alerts wait on between the webhook's 202 and the worker. */
export const HEALTH_ALERTS_QUEUE = 'health-alerts';

/** Puts accepted alerts on the `health-alerts` storage queue for the alert worker's queue trigger. */
export class HealthAlertsQueue implements AlertQueue {
  constructor(private readonly queue: QueueClient) {}

  /** Creates the queue if missing (idempotent). */
  async ensureQueue(): Promise<void> {
    await this.queue.createIfNotExists();
  }

  async enqueue(alert: QueuedAlert): Promise<void> {
    await this.queue.sendMessage(encodeQueueMessage(alert));
  }
}
