import type { TableRestoreRef } from '../contracts/backup-io.js';
import { isRestorable } from '../domain/backup/decide-backup-status.js';
import { safetyBackupId } from '../domain/backup/plan-table-restore.js';
import { planTruncation } from '../domain/backup/plan-truncation.js';
import { readRestorableManifest, requireBackup } from '../domain/backup/read-backup.js';
import { fail, ok, type Result } from '../errors/result.js';
import { startBackup } from '../api/start-backup.js';
import type { ActivityContext, ActivityDeps } from './activity-deps.js';
import { readNodesUp, requireCluster, sessionTarget } from './cluster-lookup.js';
import { withClusterSession } from './with-cluster-session.js';

/**
 * An in-place restore's own activities (its data is loaded by the restore's, prepareRestore and
 * the node jobs). Nothing here empties a table unless the safety backup of it is Complete.
 */
export function createTableRestoreActivities(deps: ActivityDeps) {
  return {
    /**
     * Starts the safety backup: a BackupCluster operation of the restored tables' keyspaces, under
     * an id derived from the restore's, so a retried start finds the backup it started. It runs
     * beside the restore, whose class lets a backup in.
     */
    startSafetyBackup: async (ref: TableRestoreRef, context: ActivityContext): Promise<Result<{ operationId: string }>> => {
      const operationId = safetyBackupId(ref.restoreId);
      if (await deps.state.getOperation(operationId)) return ok({ operationId });
      await startBackup(deps.backupApi(context.orchestrations()), { clusterName: ref.clusterName, operationId, tables: ref.tables,
        requestedBy: 'autopilot', trigger: 'api' });
      return ok({ operationId });
    },

    /**
     * Empties each restored table that exists with the backup's id, once everything that could
     * stop the restore has been checked: the safety backup is Complete (a Partial one left a node's
     * rows unsaved), every node is up (TRUNCATE needs them all), and no table was dropped and
     * created again since the backup (its files would not load into the new one). Errors, before
     * any table is touched: CASSOPS_BACKUP_NOT_RESTORABLE, CASSOPS_CLUSTER_UNHEALTHY naming the
     * nodes down, CASSOPS_RESTORE_SCHEMA_CONFLICT naming the tables. Safe to repeat: an emptied
     * table is emptied again.
     */
    truncateTables: async (ref: TableRestoreRef): Promise<Result<{ truncated: number }>> => {
      const cluster = await requireCluster(deps, ref.clusterName);
      const safetyId = safetyBackupId(ref.restoreId);
      const safety = await requireBackup(deps, cluster.name, safetyId);
      if (!isRestorable(safety)) {
        return fail({ code: 'CASSOPS_BACKUP_NOT_RESTORABLE',
          message: `Safety backup ${safetyId} ended ${safety.status}, not Complete: no table was emptied.` });
      }
      const nodes = await readNodesUp(deps, cluster);
      if (!nodes.ok) return nodes;
      if (nodes.value.down.length > 0) {
        return fail({ code: 'CASSOPS_CLUSTER_UNHEALTHY',
          message: `TRUNCATE needs every node up; down: ${nodes.value.down.map((n) => n.name).join(', ')}. No table was emptied.` });
      }
      const [backup, current] = await Promise.all([readRestorableManifest(deps, cluster.name, ref.backupId),
        readRestorableManifest(deps, cluster.name, safetyId)]);
      const plan = planTruncation(ref.tables, backup.tables, current.tables);
      if (plan.conflicts.length > 0) {
        const named = plan.conflicts.map((c) => `${c.table} (id ${c.currentId}, the backup's ${c.backupId})`);
        return fail({ code: 'CASSOPS_RESTORE_SCHEMA_CONFLICT',
          message: `Tables were dropped and created again since backup ${ref.backupId}: ${named.join(', ')}. No table was emptied.` });
      }
      await withClusterSession(deps, cluster.plan, sessionTarget(cluster), async (session) => {
        for (const t of plan.truncate) await session.truncateTable(t.keyspace, t.table);
      });
      return ok({ truncated: plan.truncate.length });
    },
  };
}
