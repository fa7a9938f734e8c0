import type { HealthStatusChangedEvent } from '../health/health-store.js';

/**
 * Where cluster events go for whoever subscribes (the `cluster-events` queue). Delivery is at
 * least once: consumers dedupe on `checkId`.
 */
export interface EventsQueue {
  /** Publishes one event. */
  publish(event: HealthStatusChangedEvent): Promise<void>;
}
