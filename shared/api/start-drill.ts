import { createHash } from 'node:crypto';
import type { DrillBackupInput } from '../contracts/backup-io.js';
import { ORCHESTRATIONS } from '../contracts/names.js';
import type { DrillRecord } from '../domain/backup/backup-model.js';
import { isFullBackup, isRestorable } from '../domain/backup/decide-backup-status.js';
import { requireBackup } from '../domain/backup/read-backup.js';
import { OpsError } from '../errors/ops-error.js';
import type { BackupApiDeps } from './backup-api-deps.js';
import { requireCluster } from './read-requests.js';
import { startOperation } from './start-operation.js';

/** Backups looked through for the newest Complete one. */
const NEWEST_BACKUPS = 50;

/** A drill to start: whose, of which backup (absent: the newest Complete full one), under which operation id (the drill's id too). */
export interface DrillStart {
  clusterName: string;
  operationId: string;
  backupId?: string | undefined;
  requestedBy: string;
  trigger: DrillRecord['trigger'];
}

/**
 * Starts a restore drill through the operation lifecycle: the backup restored into a throwaway
 * cluster (`drill-<8 hex of the drill id>`), checked over CQL, the throwaway cluster deleted.
 * Errors: CASSOPS_CLUSTER_NOT_FOUND / CASSOPS_BACKUP_NOT_FOUND (404, also when the cluster has no
 * Complete backup); CASSOPS_BACKUP_NOT_RESTORABLE (409); CASSOPS_CLUSTER_BUSY while a drill runs.
 */
export async function startDrill(deps: BackupApiDeps, start: DrillStart): Promise<{ started: boolean; drill: DrillRecord }> {
  const cluster = await requireCluster(deps.state, start.clusterName);
  const backup = start.backupId !== undefined ? await requireBackup(deps, cluster.name, start.backupId)
    : (await deps.backups.listBackups(cluster.name, NEWEST_BACKUPS)).find((b) => isRestorable(b) && isFullBackup(b));
  if (!backup) throw new OpsError('CASSOPS_BACKUP_NOT_FOUND', { message: `Cluster '${cluster.name}' has no Complete backup to drill.` });
  if (!isRestorable(backup)) {
    throw new OpsError('CASSOPS_BACKUP_NOT_RESTORABLE', { message: `Backup '${backup.backupId}' is ${backup.status}; only Complete backups are drilled.` });
  }
  const drill: DrillRecord = { clusterName: cluster.name, drillId: start.operationId, backupId: backup.backupId,
    targetCluster: drillClusterName(start.operationId), status: 'Running', trigger: start.trigger, startedAt: deps.now().toISOString() };
  const input: DrillBackupInput = { operationId: start.operationId, clusterName: cluster.name, drillId: drill.drillId };
  const { started } = await startOperation(deps, {
    kind: 'RestoreDrill', clusterName: cluster.name, operationId: start.operationId, requestedBy: start.requestedBy, trigger: start.trigger,
    orchestration: ORCHESTRATIONS.drillBackup, input, prepare: async () => { await deps.backups.createDrill(drill); },
  });
  return { started, drill };
}

/** The throwaway cluster's name: short enough for any cluster, and the same for every retry of the drill. */
export function drillClusterName(drillId: string): string {
  return `drill-${createHash('sha256').update(drillId).digest('hex').slice(0, 8)}`;
}
