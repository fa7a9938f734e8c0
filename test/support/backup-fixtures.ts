import { manifestBlobName } from '../../shared/domain/backup/backup-blob-layout.js';
import type { BackupManifest, BackupRecord, BackupTable, DrillRecord, SnapshotFile } from '../../shared/domain/backup/backup-model.js';
import { planNodeUpload } from '../../shared/domain/backup/plan-node-upload.js';
import type { BackupSources } from '../../shared/domain/backup/read-backup.js';
import type { DeploymentPlan } from '../../shared/domain/deploy/deployment-plan.js';

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

/** The tables backupManifest holds, with their ids. */
export const MANIFEST_TABLES: readonly BackupTable[] = [
  { keyspace: 'ks1', table: 'orders', tableId: '0d1e0a30-0d3e-11ef-9c4e-3b5d6e7f8a9b' },
  { keyspace: 'ks1', table: 'users', tableId: '5a1c0a30-0d3e-11ef-9c4e-3b5d6e7f8a9b' },
  { keyspace: 'ks2', table: 'events', tableId: '7e7e0a30-0d3e-11ef-9c4e-3b5d6e7f8a9b' },
  { keyspace: 'system_schema', table: 'tables', tableId: 'afddfb9d-bc1e-3068-8056-eed6c302ba09' },
];

/** Node `i`'s tokens in backupManifest: four apart from every other node's. */
export function tokensOf(i: number): string[] {
  return [0, 1, 2, 3].map((k) => String(BigInt(-9e18) + BigInt(k * 3 + i) * 1_500_000_000_000_000n));
}

/**
 * A Complete backup's manifest of `plan`'s cluster: node `i` with tokensOf(i) and one file per
 * table, the schema of MANIFEST_TABLES (ks1 and ks2 at RF 3 in dc1) as statements the CQL twin runs.
 */
export function backupManifest(plan: DeploymentPlan, backupId: string, change: Partial<BackupManifest> = {}): BackupManifest {
  const user = MANIFEST_TABLES.filter((t) => !t.keyspace.startsWith('system'));
  const statements = ['ks1', 'ks2'].flatMap((ks) => [
    { keyspace: ks, cql: `CREATE KEYSPACE ${ks} WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': '3'}  AND durable_writes = true;` },
    ...user.filter((t) => t.keyspace === ks).map((t) => ({ keyspace: ks, cql: `CREATE TABLE ${ks}.${t.table} (id text PRIMARY KEY) WITH ID = ${t.tableId};` })),
  ]);
  const nodes = plan.nodes.map((n, i) => ({ node: n.name, datacenter: n.dc, rack: n.rack, hostId: `00000000-0000-4000-8000-00000000000${i}`,
    tokens: tokensOf(i), files: planNodeUpload(n.name, MANIFEST_TABLES.map((t) => snapshotFile(`nb-${i}-big-Data.db`, 10, `${t.table}${i}`, t)), []).files }));
  return { format: 1, backupId, clusterName: plan.clusterName, spec: { cluster: { name: plan.clusterName } }, specHash: 'a'.repeat(64),
    createdAt: '2026-01-01T02:00:00.000Z', statements, tables: [...MANIFEST_TABLES], rowCounts: [], nodes, ...change };
}

/** Stores the manifest and a Complete record of its backup (status overridable), as a finished backup leaves them. */
export async function storeBackup(sources: BackupSources, manifest: BackupManifest, status: BackupRecord['status'] = 'Complete'): Promise<void> {
  await sources.backups.createBackup(backupRecord(manifest.clusterName, manifest.backupId, 2, { status, manifestBlob: manifestBlobName(manifest.backupId) }));
  await (await sources.backupBlobs(manifest.clusterName)).put(manifestBlobName(manifest.backupId), JSON.stringify(manifest));
}
