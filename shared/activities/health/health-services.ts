import type { ComputeManagementClient } from '@azure/arm-compute';
import type { StateStore } from '../../domain/ports/state-store.js';
import type { CqlCredentials } from '../../adapters/cql/cql-session.js';
import type { ClusterEventsQueue } from '../../adapters/queues/cluster-events-queue.js';
import type { HealthStore } from '../../domain/health/health-store.js';
import type { HealthThresholds } from '../../domain/health/health-thresholds.js';
import type { ProbeScriptOptions } from '../../domain/health/render-probe-script.js';

/** What the health activities need, built once by the composition root. */
export interface HealthServices {
  state: Pick<StateStore, 'getCluster' | 'listClusters' | 'readLease'>;
  health: HealthStore;
  events: Pick<ClusterEventsQueue, 'publish'>;
  compute: ComputeManagementClient;
  /** The product's CQL login for a cluster, read from the secret store when a connection needs it. */
  cqlCredentials(cluster: string): Promise<CqlCredentials | undefined>;
  thresholds: HealthThresholds;
  /** How the probe script reaches nodetool and the data disk (the Debian layout by default). */
  probeScript?: Partial<ProbeScriptOptions>;
  cqlPort?: number;
  now(): Date;
}
