import { odata, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import type { LedgerEntry, RepairRunRecord, SegmentRecord } from '../../domain/repair/repair-model.js';
import type { RepairStore } from '../../domain/ports/repair-store.js';
import { OpsError } from '../../errors/ops-error.js';
import { packJson, unpackJson } from './table-json-columns.js';
import { tableClient, type TableStoreOptions } from './table-connection.js';
import { invertedTime, tableKey } from './table-keys.js';
import { deleteRows, rowKeys, submitInTransactions } from './table-rows.js';
import { replaceUnderEtag, statusOf } from './replace-under-etag.js';

type Entity = TableEntityResult<Record<string, unknown>>;
const RUN = 'run_';
const BY_TIME = 'time_';

/**
 * RepairStore on Azure Table storage (Azurite locally).
 *
 * - `<prefix>RepairRuns`, partition = cluster: the run at RK `run_<id>` (a point read by id) and
 *   an index row at RK `time_<inverted createdAt>_<id>` (newest first, so the newest runs are one
 *   short query). Both are inserted in one transaction, so neither exists without the other; the
 *   run is written whole under its ETag.
 * - `<prefix>RepairSegments`, partition = cluster|run, RK = segment id: one row per segment,
 *   written in transactions of 100.
 * - `<prefix>RepairLedger`, partition = cluster, RK = `keyspace.table`.
 *
 * Lists that grow with the cluster (running segments, failures) are JSON columns split within a
 * property's 64 KiB (table-json-columns.ts).
 */
export class TableRepairStore implements RepairStore {
  private readonly tables: Record<'runs' | 'segments' | 'ledger', TableClient>;
  private ready: Promise<void> | undefined;

  constructor(options: TableStoreOptions) {
    const prefix = options.tablePrefix ?? 'autopilot';
    this.tables = { runs: tableClient(options, `${prefix}RepairRuns`), segments: tableClient(options, `${prefix}RepairSegments`),
      ledger: tableClient(options, `${prefix}RepairLedger`) };
  }

  /** Creates the tables once per process (createTable is a no-op when they exist); a failure is retried by the next call. */
  private ensureTables(): Promise<void> {
    this.ready ??= Promise.all(Object.values(this.tables).map((t) => t.createTable())).then(() => undefined,
      (error: unknown) => { this.ready = undefined; throw error; });
    return this.ready;
  }

  async createRun(run: RepairRunRecord): Promise<RepairRunRecord> {
    await this.ensureTables();
    const partitionKey = tableKey(run.clusterName);
    try {
      await this.tables.runs.submitTransaction([
        ['create', runEntity(run)],
        ['create', { partitionKey, rowKey: `${BY_TIME}${invertedTime(run.createdAt)}_${tableKey(run.runId)}`, runId: run.runId }],
      ]);
      return run;
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
    const stored = await this.getRun(run.clusterName, run.runId);
    if (!stored) throw new OpsError('CASSOPS_STATE_CONFLICT', { message: `Repair run '${run.runId}' vanished while being created.` });
    return stored;
  }

  async getRun(clusterName: string, runId: string): Promise<RepairRunRecord | undefined> {
    const entity = await this.readRun(clusterName, runId);
    return entity && unpackJson<RepairRunRecord>(entity, 'record');
  }

  async listRuns(clusterName: string, limit: number): Promise<RepairRunRecord[]> {
    if (limit < 1) return [];
    await this.ensureTables();
    const filter = odata`PartitionKey eq ${tableKey(clusterName)} and RowKey ge ${BY_TIME} and RowKey lt ${'time`'}`;
    const ids: string[] = [];
    const index = this.tables.runs.listEntities<{ runId: string }>({ queryOptions: { filter, select: ['runId'] } });
    const pages = index.byPage({ maxPageSize: limit });
    for await (const page of pages) {
      ids.push(...page.slice(0, limit - ids.length).map((e) => e.runId));
      if (ids.length === limit) break;
    }
    const runs = await Promise.all(ids.map((id) => this.getRun(clusterName, id)));
    return runs.filter((r): r is RepairRunRecord => r !== undefined);
  }

  async updateRun(clusterName: string, runId: string,
    change: (run: RepairRunRecord) => RepairRunRecord | undefined): Promise<RepairRunRecord> {
    return replaceUnderEtag({
      read: () => this.readRun(clusterName, runId),
      replace: async (run, etag) => { await this.tables.runs.updateEntity(runEntity(run), 'Replace', { etag }); },
      missing: () => notFound(clusterName, runId), name: `Repair run '${runId}'`,
    }, change);
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

  private async readRun(clusterName: string, runId: string): Promise<Entity | undefined> {
    await this.ensureTables();
    try {
      return await this.tables.runs.getEntity<Record<string, unknown>>(tableKey(clusterName), `${RUN}${tableKey(runId)}`);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}

function notFound(clusterName: string, runId: string): OpsError {
  return new OpsError('CASSOPS_REPAIR_NOT_FOUND', { message: `Cluster '${clusterName}' has no repair run '${runId}'.` });
}

function runEntity(run: RepairRunRecord) {
  return { partitionKey: tableKey(run.clusterName), rowKey: `${RUN}${tableKey(run.runId)}`, runId: run.runId, state: run.state,
    desired: run.desired, createdAt: run.createdAt, ...packJson('record', run) };
}
