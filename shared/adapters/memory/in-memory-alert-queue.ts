import type { AlertQueue, QueuedAlert } from '../../domain/ports/alert-queue.js';
import { jsonCopy } from './json-copy.js';

/**
 * AlertQueue in memory: the twin the AlertQueue contract suite runs beside the storage queue.
 * Alerts are kept as the JSON the alert worker would decode, so callers cannot alias them.
 */
export class InMemoryAlertQueue implements AlertQueue {
  private readonly alerts: QueuedAlert[] = [];

  async enqueue(alert: QueuedAlert): Promise<void> {
    this.alerts.push(jsonCopy(alert));
  }

  /** What the alert worker would have received so far, oldest first; not part of the port. */
  received(): QueuedAlert[] {
    return [...this.alerts];
  }
}
