import type { RestoreTablesInput } from '../contracts/backup-io.js';
import { ORCHESTRATIONS } from '../contracts/names.js';
import { planTableRestore, type TableRestoreTargets } from '../domain/backup/plan-table-restore.js';
import { readRestorableManifest } from '../domain/backup/read-backup.js';
import type { OperationTrigger } from '../domain/operations/operation-kinds.js';
import { OpsError } from '../errors/ops-error.js';
import type { BackupApiDeps } from './backup-api-deps.js';
import { requireReadyCluster } from './require-ready-cluster.js';
import { startOperation } from './start-operation.js';

/** An in-place restore to start: which backup, which of its tables (or keyspaces), under which operation id (the restore's too). */
export interface TableRestoreStart extends TableRestoreTargets {
  clusterName: string;
  backupId: string;
  operationId: string;
  requestedBy: string;
  trigger: OperationTrigger;
}

/**
 * Starts an in-place restore of tables of a Complete backup into the cluster it was taken of,
 * through the operation lifecycle (a RestoreTables operation, which keeps out topology changes,
 * repairs and another restore): a safety backup of those tables, then each emptied and loaded.
 * The caller checked the Admin role and the confirm.
 *
 * Errors: CASSOPS_CLUSTER_NOT_FOUND / CASSOPS_BACKUP_NOT_FOUND (404); CASSOPS_CLUSTER_UNHEALTHY
 * (409) unless the cluster is Ready; CASSOPS_BACKUP_NOT_RESTORABLE (409) unless the backup is
 * Complete; CASSOPS_REQUEST_INVALID (400) naming each table or keyspace the backup does not hold
 * at its path; CASSOPS_CLUSTER_BUSY (409).
 */
export async function startTableRestore(deps: BackupApiDeps, start: TableRestoreStart):
  Promise<{ started: boolean; restore: RestoreTablesInput }> {
  const cluster = await requireReadyCluster(deps.state, start.clusterName, 'in-place restores');
  const manifest = await readRestorableManifest(deps, cluster.name, start.backupId);
  const planned = planTableRestore(start, manifest.tables);
  if (!planned.ok) {
    const message = `The restore names what backup '${start.backupId}' does not hold.`;
    throw new OpsError('CASSOPS_REQUEST_INVALID', { message, issues: planned.issues });
  }
  const restore: RestoreTablesInput = { operationId: start.operationId, clusterName: cluster.name, restoreId: start.operationId,
    backupId: start.backupId, tables: planned.tables };
  const { started } = await startOperation(deps, {
    kind: 'RestoreTables', clusterName: cluster.name, operationId: start.operationId, requestedBy: start.requestedBy,
    trigger: start.trigger, orchestration: ORCHESTRATIONS.restoreTables, input: restore,
    // Checked again under the lease: a deployment or delete may have changed the cluster since.
    prepare: async () => { await requireReadyCluster(deps.state, cluster.name, 'in-place restores'); },
  });
  return { started, restore };
}
