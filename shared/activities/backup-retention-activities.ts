import type { BackupRef } from '../contracts/backup-io.js';
import { backupPrefix, dataBlobName, manifestBlobName, inventoryBlobName } from '../domain/backup/backup-blob-layout.js';
import type { BackupRecord } from '../domain/backup/backup-model.js';
import { parseBackupManifest } from '../domain/backup/parse-backup-manifest.js';
import { planBackupRetention, type RetainedBackup } from '../domain/backup/plan-backup-retention.js';
import { parseSnapshotInventory } from '../domain/backup/snapshot-inventory.js';
import type { BlobStore } from '../domain/ports/blob-store.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import { ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { requireCluster } from './cluster-lookup.js';

/** Backups retention looks at: far more than any policy keeps, so none is ever forgotten and left behind. */
const RETENTION_SCAN_LIMIT = 1000;

/** What retention removed. */
export interface RetentionApplied {
  expired: string[];
  deletedBlobs: number;
}

/** Retention, applied after each backup, under the cluster's backup lease. */
export function createBackupRetentionActivities(deps: ActivityDeps) {
  return {
    /**
     * Deletes the backups the spec's retention lets go, and the data blobs only they reference: a
     * file a kept backup still references stays. Blobs go before records, so a delete cut short is
     * found again, and finished, by the next backup's retention.
     */
    applyBackupRetention: async ({ clusterName }: BackupRef): Promise<Result<RetentionApplied>> => {
      const cluster = await requireCluster(deps, clusterName);
      const { retentionDays, keepLast } = (cluster.spec as ClusterSpec).schedules.snapshot;
      const blobs = await deps.backupBlobs(clusterName);
      const records = await deps.backups.listBackups(clusterName, RETENTION_SCAN_LIMIT);
      const retained = await Promise.all(records.map((b) => retainedOf(blobs, b)));
      const plan = planBackupRetention(retained, { retentionDays, keepLast }, new Date());
      for (const blob of plan.deleteBlobs) await blobs.delete(blob);
      for (const backupId of plan.expire) {
        for (const own of await blobs.list(backupPrefix(backupId))) await blobs.delete(own.name);
        await deps.backups.deleteBackup(clusterName, backupId);
      }
      return ok({ expired: plan.expire, deletedBlobs: plan.deleteBlobs.length });
    },
  };
}

/**
 * The data blobs a backup references: its manifest's files; without a manifest (failed before
 * it), every file its nodes' inventories list, which covers whatever it uploaded.
 */
async function retainedOf(blobs: BlobStore, backup: BackupRecord): Promise<RetainedBackup> {
  const base = { backupId: backup.backupId, createdAt: backup.createdAt, status: backup.status,
    ...(backup.tables ? { tables: backup.tables } : {}) };
  const manifest = await blobs.get(manifestBlobName(backup.backupId));
  if (manifest) {
    const parsed = parseBackupManifest(Buffer.from(manifest).toString('utf8'));
    if (parsed.ok) return { ...base, blobs: parsed.value.nodes.flatMap((n) => n.files.map((f) => f.blobName)) };
  }
  const names: string[] = [];
  for (const inventory of await blobs.list(`${backupPrefix(backup.backupId)}inventory/`)) {
    const node = inventory.name.slice(inventoryBlobName(backup.backupId, '').length).replace(/\.tsv$/, '');
    const bytes = await blobs.get(inventory.name);
    if (!bytes) continue;
    names.push(...parseSnapshotInventory(Buffer.from(bytes).toString('utf8')).files.map((f) => dataBlobName(node, f)));
  }
  return { ...base, blobs: names };
}
