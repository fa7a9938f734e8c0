import type { BackupRecord, BackupStatus } from './backup-model.js';

/** Where each node of a backup is, as the backup's steps have recorded it. */
export interface BackupProgress {
  /** Every node of the cluster when the backup started. */
  nodes: readonly string[];
  /** Nodes whose planned files are all stored (checked against a listing, not the node's word). */
  nodesDone: readonly string[];
  /** Nodes down when the backup started: left out, not waited for. */
  nodesDown: readonly string[];
  /** Nodes that were up and whose snapshot or upload failed past its retries. */
  nodesFailed: readonly string[];
  manifestStored: boolean;
}

/**
 * A backup's status. The policy for a node down at backup time: the others are backed up and
 * the backup ends `Partial`, never offered for a full restore (its uploads are not wasted: the
 * next backup references them). A node that fails while up fails the backup, as does a backup
 * with no node done. `Complete` needs every node done and the manifest stored; until then, and
 * while the manifest is not yet written, the backup is `Running`.
 */
export function decideBackupStatus(progress: BackupProgress): BackupStatus {
  const done = new Set(progress.nodesDone);
  const down = new Set(progress.nodesDown);
  const failed = new Set(progress.nodesFailed);
  if (progress.nodes.some((n) => failed.has(n))) return 'Failed';
  if (progress.nodes.length === 0 || progress.nodes.every((n) => down.has(n))) return 'Failed';
  const settled = progress.nodes.every((n) => done.has(n) || down.has(n));
  if (!settled || !progress.manifestStored) return 'Running';
  return progress.nodes.some((n) => down.has(n) && !done.has(n)) ? 'Partial' : 'Complete';
}

/** True for the only backups a restore or a drill may use: Complete, with the manifest stored. */
export function isRestorable(backup: Pick<BackupRecord, 'status' | 'manifestBlob'>): boolean {
  return backup.status === 'Complete' && backup.manifestBlob !== undefined;
}

/**
 * True for a backup of the whole cluster. A safety backup (of the keyspaces of some tables, taken
 * before an in-place restore empties them) is not one: it is never drilled by default, never
 * counts as the cluster's latest backup for staleness or for the snapshot schedule, and never
 * takes one of the `keepLast` places that keep whole-cluster backups past their age.
 */
export function isFullBackup(backup: { tables?: readonly string[] | undefined }): boolean {
  return backup.tables === undefined;
}
