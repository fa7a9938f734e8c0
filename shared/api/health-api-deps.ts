import type { StateStore } from '../domain/ports/state-store.js';
import type { HealthStore } from '../domain/health/health-store.js';
import type { CheckTrigger } from '../domain/health/health-store.js';
import type { AlertQueue } from '../domain/ports/alert-queue.js';

/** A check orchestration's state, as the durable client reports it. */
export interface CheckInstanceStatus {
  runtimeStatus: string;
  output?: unknown;
  customStatus?: unknown;
}

/** Starts and inspects health check orchestrations (the durable client, narrowed). */
export interface HealthChecks {
  /** Starts `checkClusterHealth` as instance `checkId`. */
  start(cluster: string, checkId: string, trigger: CheckTrigger): Promise<void>;
  /** Undefined when no instance has that id. */
  status(checkId: string): Promise<CheckInstanceStatus | undefined>;
}

/** What the health API and the alert worker need, built once by the composition root. */
export interface HealthApiDeps {
  state: Pick<StateStore, 'getCluster' | 'listClusters'>;
  health: HealthStore;
  checks: HealthChecks;
  /** The queue the alert worker reads. */
  alerts: AlertQueue;
  now: () => Date;
  newId: () => string;
}
