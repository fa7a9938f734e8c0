import type { RepairClusterInput } from '../contracts/activity-io.js';
import { ORCHESTRATIONS } from '../contracts/names.js';
import { checkRepairTargets, type RepairTargets } from '../domain/repair/check-repair-targets.js';
import type { RepairMode, RepairRunRecord } from '../domain/repair/repair-model.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import { OpsError } from '../errors/ops-error.js';
import type { RepairApiDeps } from './repair-api-deps.js';
import { requireReadyCluster } from './require-ready-cluster.js';
import { startOperation } from './start-operation.js';

/** A repair run to start: whose, what (absent: everything), how, and who asked. */
export interface RepairRunStart extends RepairTargets {
  clusterName: string;
  /** The operation's id, which is the run's id too. */
  operationId: string;
  requestedBy: string;
  trigger: RepairRunRecord['trigger'];
  /** Absent: the spec's setting. */
  mode?: RepairMode | undefined;
}

/**
 * Starts a repair run, for the API and the timer alike: checks the request against the cluster,
 * then starts repairCluster through the operation lifecycle (startOperation), whose prepare step
 * records the run (state Planning, desired run, the spec's settings) once the lease is held.
 *
 * Errors: CASSOPS_CLUSTER_NOT_FOUND (404); CASSOPS_CLUSTER_UNHEALTHY (409) when the cluster is
 * not Ready; CASSOPS_REQUEST_INVALID (400) naming each unknown keyspace or table at its path;
 * CASSOPS_CLUSTER_BUSY (409) while another repair or a topology change holds the cluster.
 * Returns the run and whether this call started it (false: a request for the same id did).
 */
export async function startRepairRun(deps: RepairApiDeps, start: RepairRunStart):
  Promise<{ started: boolean; run: RepairRunRecord }> {
  const cluster = await requireReadyCluster(deps.state, start.clusterName, 'repairs');
  const spec = cluster.spec as ClusterSpec;
  const issues = checkRepairTargets(start, spec.keyspaces.map((k) => k.name));
  if (issues.length > 0) {
    const message = `The repair request names what cluster '${cluster.name}' does not have.`;
    throw new OpsError('CASSOPS_REQUEST_INVALID', { message, issues });
  }
  const settings = deps.settingsOf(spec);
  const mode = start.mode ?? settings.mode;
  const at = deps.now().toISOString();
  const targets = { ...(start.keyspaces ? { keyspaces: [...new Set(start.keyspaces)] } : {}),
    ...(start.tables ? { tables: [...new Set(start.tables)] } : {}) };
  const { operationId, requestedBy, trigger } = start;
  const run: RepairRunRecord = { clusterName: cluster.name, runId: operationId, state: 'Planning', desired: 'run', mode, ...targets,
    settings: { ...settings, mode }, requestedBy, trigger, createdAt: at, updatedAt: at,
    segmentsTotal: 0, segmentsDone: 0, running: [], failures: [] };
  const input: RepairClusterInput = { operationId, clusterName: cluster.name, runId: run.runId, ...targets, mode };
  const { started } = await startOperation(deps, {
    kind: 'RepairCluster', clusterName: cluster.name, operationId, requestedBy, trigger, orchestration: ORCHESTRATIONS.repairCluster, input,
    // Checked again under the lease: a deployment or delete may have changed the cluster since.
    prepare: async () => { await requireReadyCluster(deps.state, cluster.name, 'repairs'); await deps.repairs.createRun(run); },
  });
  return { started, run };
}
