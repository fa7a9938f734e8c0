import type { TableClient } from '@azure/data-tables';
import type { BackupRecord, DrillRecord } from '../../domain/backup/backup-model.js';
import type { BackupStore } from '../../domain/ports/backup-store.js';
import { OpsError } from '../../errors/ops-error.js';
import { tableClient, type TableStoreOptions } from './table-connection.js';
import { TableIndexedRecords } from './table-indexed-records.js';

/**
 * BackupStore on Azure Table storage (Azurite locally): `<prefix>Backups` and `<prefix>BackupDrills`,
 * partition = cluster, each a record per id with a newest-first index row (table-indexed-records.ts),
 * so "the latest backups" and "the latest drills" that health and the listing read are one short
 * query each. A record stays small for any cluster: counts and node names, never file lists.
 */
export class TableBackupStore implements BackupStore {
  private readonly tables: Record<'backups' | 'drills', TableClient>;
  private readonly backups: TableIndexedRecords<BackupRecord>;
  private readonly drills: TableIndexedRecords<DrillRecord>;
  private ready: Promise<void> | undefined;

  constructor(options: TableStoreOptions) {
    const prefix = options.tablePrefix ?? 'autopilot';
    this.tables = { backups: tableClient(options, `${prefix}Backups`), drills: tableClient(options, `${prefix}BackupDrills`) };
    const ensure = () => this.ensureTables();
    this.backups = new TableIndexedRecords<BackupRecord>(this.tables.backups, {
      rowPrefix: 'backup_', label: 'Backup', clusterOf: (b) => b.clusterName, idOf: (b) => b.backupId, createdAtOf: (b) => b.createdAt,
      columnsOf: (b) => ({ backupId: b.backupId, status: b.status, createdAt: b.createdAt }),
      notFound: (c, id) => new OpsError('CASSOPS_BACKUP_NOT_FOUND', { message: `Cluster '${c}' has no backup '${id}'.` }),
    }, ensure);
    this.drills = new TableIndexedRecords<DrillRecord>(this.tables.drills, {
      rowPrefix: 'drill_', label: 'Restore drill', clusterOf: (d) => d.clusterName, idOf: (d) => d.drillId, createdAtOf: (d) => d.startedAt,
      columnsOf: (d) => ({ drillId: d.drillId, backupId: d.backupId, status: d.status, startedAt: d.startedAt }),
      notFound: (c, id) => new OpsError('CASSOPS_DRILL_NOT_FOUND', { message: `Cluster '${c}' has no restore drill '${id}'.` }),
    }, ensure);
  }

  /** Creates the tables once per process (createTable is a no-op when they exist); a failure is retried by the next call. */
  private ensureTables(): Promise<void> {
    this.ready ??= Promise.all(Object.values(this.tables).map((t) => t.createTable())).then(() => undefined,
      (error: unknown) => { this.ready = undefined; throw error; });
    return this.ready;
  }

  createBackup(backup: BackupRecord): Promise<BackupRecord> { return this.backups.create(backup); }
  getBackup(clusterName: string, backupId: string): Promise<BackupRecord | undefined> { return this.backups.get(clusterName, backupId); }
  listBackups(clusterName: string, limit: number): Promise<BackupRecord[]> { return this.backups.list(clusterName, limit); }
  updateBackup(clusterName: string, backupId: string, change: (b: BackupRecord) => BackupRecord | undefined): Promise<BackupRecord> {
    return this.backups.update(clusterName, backupId, change);
  }
  deleteBackup(clusterName: string, backupId: string): Promise<void> { return this.backups.delete(clusterName, backupId); }
  createDrill(drill: DrillRecord): Promise<DrillRecord> { return this.drills.create(drill); }
  getDrill(clusterName: string, drillId: string): Promise<DrillRecord | undefined> { return this.drills.get(clusterName, drillId); }
  listDrills(clusterName: string, limit: number): Promise<DrillRecord[]> { return this.drills.list(clusterName, limit); }
  updateDrill(clusterName: string, drillId: string, change: (d: DrillRecord) => DrillRecord | undefined): Promise<DrillRecord> {
    return this.drills.update(clusterName, drillId, change);
  }

  /** Drills first, backups last: a delete cut short is found again, and finished, by the next call. */
  async deleteClusterBackups(clusterName: string): Promise<void> {
    await this.drills.deleteCluster(clusterName);
    await this.backups.deleteCluster(clusterName);
  }
}
