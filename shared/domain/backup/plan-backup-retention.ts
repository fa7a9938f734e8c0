import type { BackupStatus } from './backup-model.js';
import { isFullBackup } from './decide-backup-status.js';

/** A backup as retention sees it: its age, its status and every data blob it references. */
export interface RetainedBackup {
  backupId: string;
  createdAt: string;
  status: BackupStatus;
  /** Data blobs it references: its manifest's files, or for one without a manifest, its upload plans'. */
  blobs: readonly string[];
  /** Set for a safety backup of some tables (isFullBackup). */
  tables?: readonly string[] | undefined;
}

/** The spec's `schedules.snapshot` retention settings. */
export interface RetentionPolicy {
  retentionDays: number;
  /** The newest this many Complete backups are kept whatever their age. */
  keepLast: number;
}

export interface RetentionPlan {
  /** Backups to delete: their records, their own prefix and the blobs below. */
  expire: string[];
  keep: string[];
  /** Data blobs referenced by expired backups only; a blob a kept backup references stays. */
  deleteBlobs: string[];
}

const DAY_MS = 86_400_000;

/**
 * Which backups expire. A Complete backup is kept while younger than `retentionDays` or among the
 * newest `keepLast` Complete ones, so a cluster whose backups have been failing for weeks still
 * keeps its last good ones. Partial and Failed backups are never restorable and go by age alone,
 * as do safety backups of some tables (they would keep no whole-cluster backup).
 * A Running backup is always kept with what it has planned, so a blob it is about to reference
 * is never deleted under it (retention itself runs under the cluster's backup lease).
 *
 * Invariants: `expire` and `keep` partition the input ids; no blob of a kept backup is in
 * `deleteBlobs`; ordering of the input does not matter (outputs are sorted).
 */
export function planBackupRetention(backups: readonly RetainedBackup[], policy: RetentionPolicy, now: Date): RetentionPlan {
  const cutoff = now.getTime() - policy.retentionDays * DAY_MS;
  const newestComplete = backups.filter((b) => b.status === 'Complete' && isFullBackup(b))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || compare(a.backupId, b.backupId))
    .slice(0, Math.max(0, policy.keepLast)).map((b) => b.backupId);
  const pinned = new Set(newestComplete);
  const isKept = (b: RetainedBackup) => b.status === 'Running' || pinned.has(b.backupId) || Date.parse(b.createdAt) > cutoff;
  const kept = backups.filter(isKept);
  const expired = backups.filter((b) => !isKept(b));
  const stillReferenced = new Set(kept.flatMap((b) => b.blobs));
  const deleteBlobs = new Set(expired.flatMap((b) => b.blobs).filter((blob) => !stillReferenced.has(blob)));
  return { expire: expired.map((b) => b.backupId).sort(compare), keep: kept.map((b) => b.backupId).sort(compare),
    deleteBlobs: [...deleteBlobs].sort(compare) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
