import type { CommonAlert } from '../health/common-alert-schema.js';

/** An accepted alert waiting on the `health-alerts` queue to be matched and recorded. */
export interface QueuedAlert {
  alert: CommonAlert;
  receivedAt: string;
}

/** Holds accepted alerts between the webhook's 202 and the worker that processes them. */
export interface AlertQueue {
  /** Puts an accepted alert on the queue the alert worker reads. */
  enqueue(alert: QueuedAlert): Promise<void>;
}
