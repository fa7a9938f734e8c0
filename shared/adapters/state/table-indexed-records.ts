import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import { OpsError } from '../../errors/ops-error.js';
import { packJson, unpackJson } from './table-json-columns.js';
import { invertedTime, tableKey } from './table-keys.js';
import { deleteRows, rowKeys } from './table-rows.js';
import { replaceUnderEtag, statusOf } from './replace-under-etag.js';

type Entity = TableEntityResult<Record<string, unknown>>;
const BY_TIME = 'time_';

/** How a kind of record is keyed and what its absence is called. */
export interface IndexedRecordKind<T> {
  /** RowKey prefix of the record rows (e.g. `run_`); must sort apart from `time_`. */
  rowPrefix: string;
  clusterOf(record: T): string;
  idOf(record: T): string;
  createdAtOf(record: T): string;
  /** A few small columns written beside the packed record, for a person reading the table. */
  columnsOf(record: T): Record<string, string | number | boolean>;
  notFound(clusterName: string, id: string): OpsError;
  /** Names the kind in conflict messages ("Repair run", "Backup"). */
  label: string;
  /** Column of the index row holding the id (`id` by default; the repair store's rows say `runId`). */
  indexColumn?: string;
}

/**
 * Records of one kind in a table partitioned by cluster: the record at RK `<prefix><id>` (a point
 * read by id) and an index row at RK `time_<inverted createdAt>_<id>` (newest first, so the newest
 * are one short query). Both are written and deleted in one transaction, so neither exists without
 * the other; the record is written whole (Replace, never Merge: a shorter packed column would keep
 * a longer one's tail) under its ETag.
 */
export class TableIndexedRecords<T> {
  constructor(private readonly table: TableClient, private readonly kind: IndexedRecordKind<T>, private readonly ready: () => Promise<void>) {}

  /** Inserts the record unless one with its id exists; returns whichever is stored. */
  async create(record: T): Promise<T> {
    await this.ready();
    const clusterName = this.kind.clusterOf(record);
    try {
      await this.table.submitTransaction([['create', this.entity(record)], ['create', this.indexRow(record)]]);
      return record;
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
    const stored = await this.get(clusterName, this.kind.idOf(record));
    if (stored === undefined) throw new OpsError('CASSOPS_STATE_CONFLICT', { message: `${this.kind.label} '${this.kind.idOf(record)}' vanished while being created.` });
    return stored;
  }

  async get(clusterName: string, id: string): Promise<T | undefined> {
    const entity = await this.read(clusterName, id);
    return entity && unpackJson<T>(entity, 'record');
  }

  /** The cluster's records, newest first, at most `limit`. */
  async list(clusterName: string, limit: number): Promise<T[]> {
    if (limit < 1) return [];
    await this.ready();
    const filter = odata`PartitionKey eq ${tableKey(clusterName)} and RowKey ge ${BY_TIME} and RowKey lt ${'time`'}`;
    const ids: string[] = [];
    const column = this.kind.indexColumn ?? 'id';
    const pages = this.table.listEntities<Record<string, string>>({ queryOptions: { filter, select: [column] } }).byPage({ maxPageSize: limit });
    for await (const page of pages) {
      ids.push(...page.slice(0, limit - ids.length).map((e) => e[column]!));
      if (ids.length === limit) break;
    }
    const records = await Promise.all(ids.map((id) => this.get(clusterName, id)));
    return records.filter((r): r is Awaited<T> => r !== undefined);
  }

  /** Read-modify-write under the record's ETag; `change` returning undefined writes nothing. */
  async update(clusterName: string, id: string, change: (record: T) => T | undefined): Promise<T> {
    return replaceUnderEtag({
      read: () => this.read(clusterName, id),
      replace: async (record, etag) => { await this.table.updateEntity(this.entity(record), 'Replace', { etag }); },
      missing: () => this.kind.notFound(clusterName, id), name: `${this.kind.label} '${id}'`,
    }, change);
  }

  /**
   * Deletes the record and its index rows (index first, so a delete cut short leaves the record
   * to be found and deleted again); an absent record is not an error. The index rows are found by
   * the id they hold, not rebuilt from the record's time, so none is left behind whatever it says.
   */
  async delete(clusterName: string, id: string): Promise<void> {
    const entity = await this.read(clusterName, id);
    if (!entity) return;
    const partitionKey = tableKey(clusterName);
    const column = this.kind.indexColumn ?? 'id';
    // odata`` quotes values, not names: the column is one of the kind's own, the id is quoted here as OData escapes it.
    const filter = `${odata`PartitionKey eq ${partitionKey} and RowKey ge ${BY_TIME} and RowKey lt ${'time`'}`} and ${column} eq '${id.replace(/'/g, "''")}'`;
    const index: string[] = [];
    for await (const row of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) index.push(row.rowKey!);
    await deleteRows(this.table, partitionKey, [...index, entity.rowKey!]);
  }

  /** Removes every row of the cluster's partition; a second call is harmless. */
  async deleteCluster(clusterName: string): Promise<void> {
    await this.ready();
    const partitionKey = tableKey(clusterName);
    await deleteRows(this.table, partitionKey, await rowKeys(this.table, partitionKey));
  }

  private async read(clusterName: string, id: string): Promise<Entity | undefined> {
    await this.ready();
    try {
      return await this.table.getEntity<Record<string, unknown>>(tableKey(clusterName), `${this.kind.rowPrefix}${tableKey(id)}`);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private entity(record: T) {
    return { partitionKey: tableKey(this.kind.clusterOf(record)), rowKey: `${this.kind.rowPrefix}${tableKey(this.kind.idOf(record))}`,
      ...this.kind.columnsOf(record), ...packJson('record', record) };
  }

  private indexRow(record: T) {
    const id = this.kind.idOf(record);
    return { partitionKey: tableKey(this.kind.clusterOf(record)), rowKey: `${BY_TIME}${invertedTime(this.kind.createdAtOf(record))}_${tableKey(id)}`,
      [this.kind.indexColumn ?? 'id']: id };
  }
}
