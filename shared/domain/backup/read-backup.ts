import type { BackupManifest, BackupRecord } from './backup-model.js';
import { isRestorable } from './decide-backup-status.js';
import { manifestBlobName } from './backup-blob-layout.js';
import { parseBackupManifest } from './parse-backup-manifest.js';
import type { BackupStore } from '../ports/backup-store.js';
import type { BlobStore } from '../ports/blob-store.js';
import { OpsError } from '../../errors/ops-error.js';

/** Where backups are read from: their records, and each cluster's container. */
export interface BackupSources {
  backups: BackupStore;
  backupBlobs(clusterName: string): Promise<BlobStore>;
}

/** The backup's record; CASSOPS_BACKUP_NOT_FOUND when there is none. */
export async function requireBackup(sources: Pick<BackupSources, 'backups'>, clusterName: string, backupId: string): Promise<BackupRecord> {
  const backup = await sources.backups.getBackup(clusterName, backupId);
  if (!backup) throw new OpsError('CASSOPS_BACKUP_NOT_FOUND', { message: `Cluster '${clusterName}' has no backup '${backupId}'.` });
  return backup;
}

/**
 * The manifest of a restorable backup, checked before anything trusts it. A backup that is not
 * Complete is CASSOPS_BACKUP_NOT_RESTORABLE, whatever blobs it left.
 */
export async function readRestorableManifest(sources: BackupSources, clusterName: string, backupId: string): Promise<BackupManifest> {
  const backup = await requireBackup(sources, clusterName, backupId);
  if (!isRestorable(backup)) {
    throw new OpsError('CASSOPS_BACKUP_NOT_RESTORABLE', { message: `Backup '${backupId}' of cluster '${clusterName}' is ${backup.status}; only Complete backups are restored.` });
  }
  const bytes = await (await sources.backupBlobs(clusterName)).get(manifestBlobName(backupId));
  if (!bytes) throw new OpsError('CASSOPS_BACKUP_MANIFEST_INVALID', { message: `Backup '${backupId}' has no manifest in Blob storage.` });
  const parsed = parseBackupManifest(Buffer.from(bytes).toString('utf8'));
  if (!parsed.ok) throw new OpsError('CASSOPS_BACKUP_MANIFEST_INVALID', { message: parsed.error.message, issues: parsed.error.issues ?? [] });
  return parsed.value;
}
