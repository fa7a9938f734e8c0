import type { BackupRecord, DrillRecord } from '../backup/backup-model.js';

/**
 * Backup and restore drill records with their status and stats (manifests are blobs, not rows).
 *
 * Errors (OpsError codes): CASSOPS_BACKUP_NOT_FOUND / CASSOPS_DRILL_NOT_FOUND from updates of a
 * missing record; CASSOPS_STATE_CONFLICT when a conditional write keeps losing races (retryable).
 */
export interface BackupStore {
  /** Inserts the backup unless one with its id exists; returns whichever is stored. */
  createBackup(backup: BackupRecord): Promise<BackupRecord>;
  getBackup(clusterName: string, backupId: string): Promise<BackupRecord | undefined>;
  /** The cluster's backups, newest first (by createdAt), at most `limit`. */
  listBackups(clusterName: string, limit: number): Promise<BackupRecord[]>;
  /** Read-modify-write under the record's ETag; `change` returning undefined writes nothing. */
  updateBackup(clusterName: string, backupId: string, change: (backup: BackupRecord) => BackupRecord | undefined): Promise<BackupRecord>;
  /** Removes an expired backup's record; an absent one is not an error. */
  deleteBackup(clusterName: string, backupId: string): Promise<void>;
  /** Inserts the drill unless one with its id exists; returns whichever is stored. */
  createDrill(drill: DrillRecord): Promise<DrillRecord>;
  getDrill(clusterName: string, drillId: string): Promise<DrillRecord | undefined>;
  /** The cluster's drills, newest first (by startedAt), at most `limit`. */
  listDrills(clusterName: string, limit: number): Promise<DrillRecord[]>;
  updateDrill(clusterName: string, drillId: string, change: (drill: DrillRecord) => DrillRecord | undefined): Promise<DrillRecord>;
  /** Removes every backup and drill record of a deleted cluster (its blobs are the caller's to delete). */
  deleteClusterBackups(clusterName: string): Promise<void>;
}
