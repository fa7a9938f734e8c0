import type { BackupRecord, DrillRecord, SnapshotFile } from '../../shared/domain/backup/backup-model.js';

/** A backup of `clusterName` created at `hour` hours past 2026-01-01T00:00Z. */
export function backupRecord(clusterName: string, backupId: string, hour = 0, change: Partial<BackupRecord> = {}): BackupRecord {
  const at = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000).toISOString();
  return { clusterName, backupId, status: 'Running', trigger: 'api', requestedBy: 'tester', specHash: 'a'.repeat(64), keyspaces: ['ks1', 'system_schema'], createdAt: at, updatedAt: at,
    nodesTotal: 3, nodesDone: [], nodesMissing: [], stats: { files: 0, bytes: 0, newFiles: 0, newBytes: 0 }, ...change };
}

/** A drill of `clusterName` started at `hour` hours past 2026-01-01T00:00Z. */
export function drillRecord(clusterName: string, drillId: string, hour = 0, change: Partial<DrillRecord> = {}): DrillRecord {
  const at = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000).toISOString();
  return { clusterName, drillId, backupId: 'b1', targetCluster: `${clusterName}-drill`, status: 'Running', trigger: 'timer', startedAt: at, ...change };
}

/** A snapshot file of ks1.users (table id 5a1c…), `name` with `size` bytes and a checksum made from `seed`. */
export function snapshotFile(name: string, size: number, seed = name, change: Partial<SnapshotFile> = {}): SnapshotFile {
  const checksum = [...seed].reduce((h, c) => h + c.charCodeAt(0).toString(16), '').padEnd(64, '0').slice(0, 64);
  return { keyspace: 'ks1', table: 'users', tableId: '5a1c0a30-0d3e-11ef-9c4e-3b5d6e7f8a9b', name, size, checksum, ...change };
}
