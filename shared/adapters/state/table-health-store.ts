import { createHash } from 'node:crypto';
import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';
import { actionableFindings, type AlertRecord, type HealthCheckRecord, type HealthStore, type HistoryPage, type ListHistoryOptions, type RecordCheckResult } from '../../domain/health/health-store.js';
import type { HealthReport, HealthStatus, NodeHealth } from '../../domain/health/health-report.js';
import { packJson, unpackJson } from './table-json-columns.js';
import { tableClient } from './table-connection.js';
import { invertedTime } from './table-keys.js';

/** The three tables health uses; the composition root creates the clients. */
export interface HealthTables {
  /** PK = cluster; RK = `_cluster` for the cluster, `node_<name>` per node: point reads. */
  latest: TableClient;
  /** PK = `<cluster>|<yyyy-mm-dd>`, RK = inverted epoch ms + check id: a day is one query, newest first. */
  history: TableClient;
  /** PK = sha256(alert id | monitor condition), RK = `alert`: one entity per distinct alert. */
  alerts: TableClient;
}

const CLUSTER_ROW = '_cluster';
const MAX_WRITE_ATTEMPTS = 5;

/**
 * HealthStore on Azure Table storage. The latest cluster entity is replaced under its ETag, so
 * two checks finishing together cannot both claim to have changed the status; history rows are
 * keyed by check id, so a retried write is a no-op; alerts are inserted, never upserted, so a
 * retried alert is recorded once. Errors other than the expected conflicts propagate.
 */
export class TableHealthStore implements HealthStore {
  constructor(private readonly tables: HealthTables) {}

  /** The product's health tables (`<prefix>HealthLatest`, `…HealthHistory`, `…HealthAlerts`) in one storage account. */
  static fromConnectionString(connectionString: string, prefix = 'autopilot'): TableHealthStore {
    const make = (name: string) => tableClient({ connectionString }, `${prefix}${name}`);
    return new TableHealthStore({ latest: make('HealthLatest'), history: make('HealthHistory'), alerts: make('HealthAlerts') });
  }

  /** The same tables through the table endpoint and a token credential (managed identity on Azure). */
  static fromTableServiceUri(tableServiceUri: string, credential: TokenCredential, prefix = 'autopilot'): TableHealthStore {
    const make = (name: string) => tableClient({ tableServiceUri, credential }, `${prefix}${name}`);
    return new TableHealthStore({ latest: make('HealthLatest'), history: make('HealthHistory'), alerts: make('HealthAlerts') });
  }

  /** Creates the tables if missing (idempotent). */
  async ensureTables(): Promise<void> {
    await Promise.all([this.tables.latest.createTable(), this.tables.history.createTable(), this.tables.alerts.createTable()]);
  }

  async recordCheck(record: HealthCheckRecord): Promise<RecordCheckResult> {
    await ignoreConflict(this.tables.history.createEntity(toEntity(historyKey(record), record)));
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const result = await this.tryReplaceLatest(record);
      if (result) {
        if (result.becameLatest) await this.writeNodes(record);
        return result;
      }
    }
    throw new Error(`latest health of cluster ${record.cluster} kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
  }

  /** One optimistic attempt; undefined when another writer got in between (412/409). */
  private async tryReplaceLatest(record: HealthCheckRecord): Promise<RecordCheckResult | undefined> {
    const existing = await getOrUndefined(this.tables.latest, record.cluster, CLUSTER_ROW);
    const stored = existing ? fromEntity(existing) : undefined;
    if (stored && stored.checkId === record.checkId) {
      return { becameLatest: true, replacedStatus: existing!.replacedStatus as HealthStatus | undefined, replacedCheckId: existing!.replacedCheckId as string | undefined,
        replacedActionable: existing!.replacedActionable as string | undefined };
    }
    if (stored && stored.report.evaluatedAt > record.report.evaluatedAt) return { becameLatest: false, replacedStatus: stored.report.status };
    const replaced = { replacedStatus: stored?.report.status, replacedCheckId: stored?.checkId,
      replacedActionable: stored ? actionableFindings(stored.report) : undefined };
    const entity = { ...toEntity({ partitionKey: record.cluster, rowKey: CLUSTER_ROW }, record), ...replaced };
    try {
      if (existing) await this.tables.latest.updateEntity(entity, 'Replace', { etag: existing.etag });
      else await this.tables.latest.createEntity(entity);
      return { becameLatest: true, ...replaced };
    } catch (error) {
      if (isStatus(error, 412) || isStatus(error, 409)) return undefined;
      throw error;
    }
  }

  /** Per-node latest rows, one transaction per 100 (a transaction's limit; all share the cluster's partition). */
  private async writeNodes(record: HealthCheckRecord): Promise<void> {
    const actions = record.report.nodes.map((node) => ['upsert', {
      partitionKey: record.cluster, rowKey: `node_${node.node}`, evaluatedAt: record.report.evaluatedAt, checkId: record.checkId,
      ...packJson('node', node), ...packJson('findings', record.report.findings.filter((f) => f.node === node.node)),
    }, 'Replace'] as const);
    for (let i = 0; i < actions.length; i += 100) {
      await this.tables.latest.submitTransaction(actions.slice(i, i + 100).map((a) => [...a]));
    }
  }

  async getLatest(cluster: string): Promise<HealthCheckRecord | undefined> {
    const entity = await getOrUndefined(this.tables.latest, cluster, CLUSTER_ROW);
    return entity ? fromEntity(entity) : undefined;
  }

  async getNodeLatest(cluster: string, node: string): Promise<NodeHealth | undefined> {
    const entity = await getOrUndefined(this.tables.latest, cluster, `node_${node}`);
    return entity ? unpackJson<NodeHealth>(entity, 'node') : undefined;
  }

  async listHistory(cluster: string, options: ListHistoryOptions): Promise<HistoryPage> {
    const cursor = options.continuationToken ? decodeCursor(options.continuationToken) : undefined;
    const items: HealthCheckRecord[] = [];
    const lowRk = invertedTime(options.to);
    const highRk = `${invertedTime(options.from)}~`;
    for (const day of daysNewestFirst(options.from, options.to)) {
      if (cursor && day > cursor.day) continue;
      const after = cursor && day === cursor.day ? cursor.rowKey : undefined;
      const filter = after === undefined
        ? odata`PartitionKey eq ${`${cluster}|${day}`} and RowKey ge ${lowRk} and RowKey lt ${highRk}`
        : odata`PartitionKey eq ${`${cluster}|${day}`} and RowKey gt ${after} and RowKey lt ${highRk}`;
      for await (const entity of this.tables.history.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        if (items.length === options.pageSize) {
          const last = items[items.length - 1]!;
          return { items, continuationToken: encodeCursor({ day: dayOf(last.report.evaluatedAt), rowKey: historyKey(last).rowKey }) };
        }
        items.push(fromEntity(entity as TableEntityResult<Record<string, unknown>>));
      }
    }
    return { items };
  }

  async recordAlert(alert: AlertRecord): Promise<{ recorded: boolean }> {
    const key = alertKey(alert.alertId, alert.monitorCondition);
    try {
      await this.tables.alerts.createEntity({ partitionKey: key, rowKey: 'alert', ...packJson('alert', alert) });
      return { recorded: true };
    } catch (error) {
      if (isStatus(error, 409)) return { recorded: false };
      throw error;
    }
  }

  async getAlert(alertId: string, monitorCondition: string): Promise<AlertRecord | undefined> {
    const key = alertKey(alertId, monitorCondition);
    const entity = await getOrUndefined(this.tables.alerts, key, 'alert');
    return entity ? unpackJson<AlertRecord>(entity, 'alert') : undefined;
  }
}

function historyKey(record: HealthCheckRecord): { partitionKey: string; rowKey: string } {
  return { partitionKey: `${record.cluster}|${dayOf(record.report.evaluatedAt)}`, rowKey: `${invertedTime(record.report.evaluatedAt)}_${record.checkId}` };
}

function toEntity(key: { partitionKey: string; rowKey: string }, record: HealthCheckRecord): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  return {
    ...key, cluster: record.cluster, checkId: record.checkId, trigger: record.trigger, operationId: record.operationId,
    status: record.report.status, evaluatedAt: record.report.evaluatedAt, lastDeepProbeAt: record.lastDeepProbeAt,
    ...packJson('report', record.report), ...packJson('views', record.views), ...packJson('vmWrites', record.vmWrites),
  };
}

function fromEntity(entity: Record<string, unknown>): HealthCheckRecord {
  return {
    cluster: entity.cluster as string, checkId: entity.checkId as string, trigger: entity.trigger as HealthCheckRecord['trigger'],
    operationId: entity.operationId as string | undefined, lastDeepProbeAt: entity.lastDeepProbeAt as string | undefined,
    report: unpackJson<HealthReport>(entity, 'report')!, views: unpackJson(entity, 'views')!, vmWrites: unpackJson(entity, 'vmWrites') ?? {},
  };
}

function alertKey(alertId: string, monitorCondition: string): string {
  return createHash('sha256').update(`${alertId.toLowerCase()}|${monitorCondition}`).digest('hex');
}

function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

function daysNewestFirst(from: string, to: string): string[] {
  const days: string[] = [];
  const first = Date.parse(`${dayOf(from)}T00:00:00.000Z`);
  for (let t = Date.parse(`${dayOf(to)}T00:00:00.000Z`); t >= first; t -= 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

function encodeCursor(cursor: { day: string; rowKey: string }): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string): { day: string; rowKey: string } {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { day?: unknown; rowKey?: unknown };
    if (typeof cursor.day === 'string' && typeof cursor.rowKey === 'string') return { day: cursor.day, rowKey: cursor.rowKey };
  } catch { /* falls through to the error below */ }
  throw new RangeError('continuationToken is not one this API issued');
}

async function getOrUndefined(table: TableClient, partitionKey: string, rowKey: string): Promise<TableEntityResult<Record<string, unknown>> | undefined> {
  try {
    return await table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

async function ignoreConflict(write: Promise<unknown>): Promise<void> {
  try { await write; } catch (error) { if (!isStatus(error, 409)) throw error; }
}

/** Duck-typed: the SDK's RestError may come from another copy of core-rest-pipeline. */
function isStatus(error: unknown, status: number): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === status;
}
