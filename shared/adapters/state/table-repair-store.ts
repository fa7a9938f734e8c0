import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { LedgerEntry, RepairRunRecord, SegmentRecord } from '../../domain/repair/repair-model.js';
import type { RepairStore } from '../../domain/ports/repair-store.js';
import { OpsError } from '../../errors/ops-error.js';
import { packJson, unpackJson } from './table-json-columns.js';
import { tableClient, type TableStoreOptions } from './table-connection.js';
import { TableIndexedRecords } from './table-indexed-records.js';
import { tableKey } from './table-keys.js';
import { deleteRows, rowKeys, submitInTransactions } from './table-rows.js';

const RUN = 'run_';

/**
 * RepairStore on Azure Table storage (Azurite locally).
 *
 * - `<prefix>RepairRuns`, partition = cluster: each run a record at RK `run_<id>` with a newest-first
 *   index row holding `runId` (table-indexed-records.ts), so the newest runs are one short query.
 * - `<prefix>RepairSegments`, partition = cluster|run, RK = segment id: one row per segment,
 *   written in transactions of 100.
 * - `<prefix>RepairLedger`, partition = cluster, RK = `keyspace.table`.
 *
 * Lists that grow with the cluster (running segments, failures) are JSON columns split within a
 * property's 64 KiB (table-json-columns.ts).
 */
export class TableRepairStore implements RepairStore {
  private readonly tables: Record<'runs' | 'segments' | 'ledger', TableClient>;
  private readonly runs: TableIndexedRecords<RepairRunRecord>;
  private ready: Promise<void> | undefined;

  constructor(options: TableStoreOptions) {
    const prefix = options.tablePrefix ?? 'autopilot';
    this.tables = { runs: tableClient(options, `${prefix}RepairRuns`), segments: tableClient(options, `${prefix}RepairSegments`),
      ledger: tableClient(options, `${prefix}RepairLedger`) };
    this.runs = new TableIndexedRecords<RepairRunRecord>(this.tables.runs, {
      rowPrefix: RUN, label: 'Repair run', indexColumn: 'runId',
      clusterOf: (r) => r.clusterName, idOf: (r) => r.runId, createdAtOf: (r) => r.createdAt,
      columnsOf: (r) => ({ runId: r.runId, state: r.state, desired: r.desired, createdAt: r.createdAt }),
      notFound: (c, id) => new OpsError('CASSOPS_REPAIR_NOT_FOUND', { message: `Cluster '${c}' has no repair run '${id}'.` }),
    }, () => this.ensureTables());
  }

  /** Creates the tables once per process (createTable is a no-op when they exist); a failure is retried by the next call. */
  private ensureTables(): Promise<void> {
    this.ready ??= Promise.all(Object.values(this.tables).map((t) => t.createTable())).then(() => undefined,
      (error: unknown) => { this.ready = undefined; throw error; });
    return this.ready;
  }

  createRun(run: RepairRunRecord): Promise<RepairRunRecord> { return this.runs.create(run); }
  getRun(clusterName: string, runId: string): Promise<RepairRunRecord | undefined> { return this.runs.get(clusterName, runId); }
  listRuns(clusterName: string, limit: number): Promise<RepairRunRecord[]> { return this.runs.list(clusterName, limit); }
  updateRun(clusterName: string, runId: string,
    change: (run: RepairRunRecord) => RepairRunRecord | undefined): Promise<RepairRunRecord> {
    return this.runs.update(clusterName, runId, change);
  }

  async putSegments(clusterName: string, runId: string, segments: readonly SegmentRecord[]): Promise<void> {
    await this.ensureTables();
    const partitionKey = tableKey(clusterName, runId);
    // A transaction may not name a row twice: the last record of an id wins, as it would written one by one.
    const byId = new Map(segments.map((s) => [s.id, s]));
    await submitInTransactions(this.tables.segments, [...byId.values()].map((s) => ['upsert', {
      partitionKey, rowKey: tableKey(s.id), status: s.status, ...packJson('record', s) }, 'Replace'] as TransactionAction));
  }

  async listSegments(clusterName: string, runId: string): Promise<SegmentRecord[]> {
    await this.ensureTables();
    const out: SegmentRecord[] = [];
    const filter = odata`PartitionKey eq ${tableKey(clusterName, runId)}`;
    for await (const e of this.tables.segments.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      out.push(unpackJson<SegmentRecord>(e, 'record')!);
    }
    // Keys are encoded ids; the order callers see is the ids' own.
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async deleteSegments(clusterName: string, runId: string, segmentIds: readonly string[]): Promise<void> {
    await this.ensureTables();
    await deleteRows(this.tables.segments, tableKey(clusterName, runId), [...new Set(segmentIds)].map((id) => tableKey(id)));
  }

  async getLedger(clusterName: string): Promise<LedgerEntry[]> {
    await this.ensureTables();
    const out: LedgerEntry[] = [];
    const filter = odata`PartitionKey eq ${tableKey(clusterName)}`;
    for await (const e of this.tables.ledger.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      out.push({ clusterName, keyspace: String(e.keyspace), table: String(e.table), gcGraceSeconds: Number(e.gcGraceSeconds),
        ...(typeof e.lastCompleteRepairAt === 'string' ? { lastCompleteRepairAt: e.lastCompleteRepairAt } : {}),
        ...(typeof e.runId === 'string' ? { runId: e.runId } : {}) });
    }
    return out;
  }

  async upsertLedger(entries: readonly LedgerEntry[]): Promise<void> {
    await this.ensureTables();
    const byCluster = new Map<string, Map<string, LedgerEntry>>();
    for (const e of entries) {
      const rows = byCluster.get(e.clusterName) ?? new Map<string, LedgerEntry>();
      rows.set(`${tableKey(e.keyspace)}.${tableKey(e.table)}`, e);
      byCluster.set(e.clusterName, rows);
    }
    for (const [clusterName, rows] of byCluster) {
      await submitInTransactions(this.tables.ledger, [...rows].map(([rowKey, e]) => ['upsert', {
        partitionKey: tableKey(clusterName), rowKey, keyspace: e.keyspace, table: e.table, gcGraceSeconds: e.gcGraceSeconds,
        ...(e.lastCompleteRepairAt !== undefined ? { lastCompleteRepairAt: e.lastCompleteRepairAt } : {}),
        ...(e.runId !== undefined ? { runId: e.runId } : {}) }, 'Replace'] as TransactionAction));
    }
  }

  /** Segments first, run rows last: a delete cut short is found again, and finished, by the next call. */
  async deleteClusterRepairs(clusterName: string): Promise<void> {
    await this.ensureTables();
    const partitionKey = tableKey(clusterName);
    const runRows = await rowKeys(this.tables.runs, partitionKey);
    for (const rowKey of runRows.filter((k) => k.startsWith(RUN))) {
      const segments = tableKey(clusterName, decodeURIComponent(rowKey.slice(RUN.length)));
      await deleteRows(this.tables.segments, segments, await rowKeys(this.tables.segments, segments));
    }
    await deleteRows(this.tables.ledger, partitionKey, await rowKeys(this.tables.ledger, partitionKey));
    await deleteRows(this.tables.runs, partitionKey, runRows);
  }
}
