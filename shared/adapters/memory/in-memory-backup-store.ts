import type { BackupRecord, DrillRecord } from '../../domain/backup/backup-model.js';
import type { BackupStore } from '../../domain/ports/backup-store.js';
import { OpsError } from '../../errors/ops-error.js';
import { jsonCopy } from './json-copy.js';

/**
 * BackupStore in memory: the twin the BackupStore contract suite runs beside the Table adapter
 * (insert-if-absent, newest first then by id, JSON copies in and out so callers cannot alias
 * stored state).
 */
export class InMemoryBackupStore implements BackupStore {
  private readonly backups = new Records<BackupRecord>((b) => b.backupId, (b) => b.createdAt,
    (c, id) => new OpsError('CASSOPS_BACKUP_NOT_FOUND', { message: `Cluster '${c}' has no backup '${id}'.` }));
  private readonly drills = new Records<DrillRecord>((d) => d.drillId, (d) => d.startedAt,
    (c, id) => new OpsError('CASSOPS_DRILL_NOT_FOUND', { message: `Cluster '${c}' has no restore drill '${id}'.` }));

  async createBackup(backup: BackupRecord) { return this.backups.create(backup.clusterName, backup); }
  async getBackup(clusterName: string, backupId: string) { return this.backups.get(clusterName, backupId); }
  async listBackups(clusterName: string, limit: number) { return this.backups.list(clusterName, limit); }
  async updateBackup(clusterName: string, backupId: string, change: (b: BackupRecord) => BackupRecord | undefined) {
    return this.backups.update(clusterName, backupId, change);
  }
  async deleteBackup(clusterName: string, backupId: string) { this.backups.delete(clusterName, backupId); }
  async createDrill(drill: DrillRecord) { return this.drills.create(drill.clusterName, drill); }
  async getDrill(clusterName: string, drillId: string) { return this.drills.get(clusterName, drillId); }
  async listDrills(clusterName: string, limit: number) { return this.drills.list(clusterName, limit); }
  async updateDrill(clusterName: string, drillId: string, change: (d: DrillRecord) => DrillRecord | undefined) {
    return this.drills.update(clusterName, drillId, change);
  }
  async deleteClusterBackups(clusterName: string) {
    this.backups.deleteCluster(clusterName);
    this.drills.deleteCluster(clusterName);
  }
}

class Records<T> {
  private readonly byCluster = new Map<string, Map<string, T>>();

  constructor(private readonly idOf: (r: T) => string, private readonly timeOf: (r: T) => string,
    private readonly notFound: (clusterName: string, id: string) => OpsError) {}

  create(clusterName: string, record: T): T {
    const records = this.byCluster.get(clusterName) ?? new Map<string, T>();
    this.byCluster.set(clusterName, records);
    if (!records.has(this.idOf(record))) records.set(this.idOf(record), jsonCopy(record));
    return jsonCopy(records.get(this.idOf(record))!);
  }

  get(clusterName: string, id: string): T | undefined {
    return jsonCopy(this.byCluster.get(clusterName)?.get(id));
  }

  list(clusterName: string, limit: number): T[] {
    // The Table adapter's order: time, newest first, then id.
    return [...(this.byCluster.get(clusterName)?.values() ?? [])]
      .sort((a, b) => Date.parse(this.timeOf(b)) - Date.parse(this.timeOf(a)) || (this.idOf(a) < this.idOf(b) ? -1 : 1))
      .slice(0, Math.max(0, limit)).map(jsonCopy);
  }

  update(clusterName: string, id: string, change: (r: T) => T | undefined): T {
    const stored = this.byCluster.get(clusterName)?.get(id);
    if (stored === undefined) throw this.notFound(clusterName, id);
    const changed = change(jsonCopy(stored));
    if (changed !== undefined) this.byCluster.get(clusterName)!.set(id, jsonCopy(changed));
    return jsonCopy(changed ?? stored);
  }

  delete(clusterName: string, id: string): void {
    this.byCluster.get(clusterName)?.delete(id);
  }

  deleteCluster(clusterName: string): void {
    this.byCluster.delete(clusterName);
  }
}
