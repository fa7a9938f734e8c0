import type { BackupClusterInput } from '../contracts/backup-io.js';
import { ORCHESTRATIONS } from '../contracts/names.js';
import type { BackupRecord } from '../domain/backup/backup-model.js';
import { hashSpec } from '../domain/spec/hash-spec.js';
import type { BackupApiDeps } from './backup-api-deps.js';
import { requireReadyCluster } from './require-ready-cluster.js';
import { startOperation } from './start-operation.js';

/** A backup to start: whose, under which operation id (also the backup's id and snapshot tag), who asked. */
export interface BackupStart {
  clusterName: string;
  operationId: string;
  requestedBy: string;
  trigger: BackupRecord['trigger'];
  /** `keyspace.table`: a safety backup before an in-place restore, of the keyspaces of these tables; absent: every keyspace. */
  tables?: string[] | undefined;
}

/**
 * Starts a cluster-wide backup, for the API and the timer alike, through the operation
 * lifecycle; its prepare step records the backup (Running) once the lease is held, so two
 * backups never run at once and none runs during a topology change (CASSOPS_CLUSTER_BUSY).
 * Errors: CASSOPS_CLUSTER_NOT_FOUND (404); CASSOPS_CLUSTER_UNHEALTHY (409) unless Ready.
 */
export async function startBackup(deps: BackupApiDeps, start: BackupStart): Promise<{ started: boolean; backup: BackupRecord }> {
  const cluster = await requireReadyCluster(deps.state, start.clusterName, 'backups');
  const at = deps.now().toISOString();
  const backup: BackupRecord = { clusterName: cluster.name, backupId: start.operationId, status: 'Running', trigger: start.trigger,
    requestedBy: start.requestedBy, specHash: hashSpec(cluster.spec), keyspaces: [], createdAt: at, updatedAt: at,
    nodesTotal: cluster.plan.nodes.length, nodesDone: [], nodesMissing: [], stats: { files: 0, bytes: 0, newFiles: 0, newBytes: 0 },
    ...(start.tables ? { tables: start.tables } : {}) };
  const input: BackupClusterInput = { operationId: start.operationId, clusterName: cluster.name, backupId: backup.backupId };
  const { started } = await startOperation(deps, {
    kind: 'BackupCluster', clusterName: cluster.name, operationId: start.operationId, requestedBy: start.requestedBy, trigger: start.trigger,
    orchestration: ORCHESTRATIONS.backupCluster, input,
    prepare: async () => { await requireReadyCluster(deps.state, cluster.name, 'backups'); await deps.backups.createBackup(backup); },
  });
  return { started, backup };
}
