import type { StateStore } from '../domain/ports/state-store.js';
import { CLUSTER_STATES, type ClusterRecord } from '../domain/state/state-records.js';
import { OpsError } from '../errors/ops-error.js';
import { requireCluster } from './read-requests.js';

/**
 * The named cluster, when it is Ready: what works on a running cluster (a repair, a backup, an
 * in-place restore) never starts while it is being built, changed or deleted. `what` names that
 * work in the refusal ("backups"). Errors: CASSOPS_CLUSTER_NOT_FOUND (404); CASSOPS_CLUSTER_UNHEALTHY (409).
 */
export async function requireReadyCluster(state: Pick<StateStore, 'getCluster'>, name: string, what: string): Promise<ClusterRecord> {
  const cluster = await requireCluster(state, name);
  if (cluster.state !== CLUSTER_STATES.Ready) {
    throw new OpsError('CASSOPS_CLUSTER_UNHEALTHY', { message: `Cluster '${name}' is ${cluster.state}; ${what} run on Ready clusters.` });
  }
  return cluster;
}
