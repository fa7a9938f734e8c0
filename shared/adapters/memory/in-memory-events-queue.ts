import type { HealthStatusChangedEvent } from '../../domain/health/health-store.js';
import type { EventsQueue } from '../../domain/ports/events-queue.js';
import { jsonCopy } from './json-copy.js';

/**
 * EventsQueue in memory: the twin the EventsQueue contract suite runs beside the storage queue.
 * Events are kept as the JSON a subscriber would decode, so fields JSON drops are dropped here too.
 */
export class InMemoryEventsQueue implements EventsQueue {
  private readonly events: HealthStatusChangedEvent[] = [];

  async publish(event: HealthStatusChangedEvent): Promise<void> {
    this.events.push(jsonCopy(event));
  }

  /** What a subscriber would have received so far, oldest first; not part of the port. */
  received(): HealthStatusChangedEvent[] {
    return [...this.events];
  }
}
