import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import type { ClusterRecord, ClusterState, NodeRecord, OperationRecord, ProgressUpdate } from '../../domain/state/state-records.js';
import type { Lease, LeaseHolder } from '../../domain/operations/lease.js';
import { OpsError } from '../../errors/ops-error.js';
import { packJson, unpackJson } from './table-json-columns.js';
import { applyProgress } from '../../domain/operations/apply-progress.js';
import type { FinishOperationOptions, IdempotencyRecord, StateStore } from '../../domain/ports/state-store.js';
import { tableClient, type TableStoreOptions } from './table-connection.js';
import { MAX_ETAG_ATTEMPTS, replaceUnderEtag, statusOf } from './replace-under-etag.js';
import { invertedTime, tableKey } from './table-keys.js';

type Entity = TableEntityResult<Record<string, unknown>>;
const ROW = 'record';

/**
 * StateStore on Azure Table storage (Azurite locally). Partition keys make every hot read a point
 * read: clusters and leases by name, operations and idempotency keys by id, nodes by cluster.
 * Racing writes are ETag-conditional. A cluster's operations are also indexed newest first
 * (OperationsByCluster: PK the cluster, RK `<inverted createdAt>_<id>`), written right after the
 * operation and again by any later create of the same id, so a crash in between is mended.
 */
export class TableStateStore implements StateStore {
  private readonly tables: Record<'clusters' | 'nodes' | 'operations' | 'byCluster' | 'leases' | 'keys', TableClient>;
  private ready: Promise<void> | undefined;

  constructor(options: TableStoreOptions) {
    const prefix = options.tablePrefix ?? 'autopilot';
    const make = (name: string) => tableClient(options, `${prefix}${name}`);
    this.tables = { clusters: make('Clusters'), nodes: make('Nodes'), operations: make('Operations'), byCluster: make('OperationsByCluster'),
      leases: make('Leases'), keys: make('IdempotencyKeys') };
  }

  /** Creates the tables once per process (createTable is a no-op when they exist). */
  private ensureTables(): Promise<void> {
    this.ready ??= Promise.all(Object.values(this.tables).map((t) => t.createTable())).then(() => undefined);
    return this.ready;
  }

  private async read(table: TableClient, pk: string, rk = ROW): Promise<Entity | undefined> {
    await this.ensureTables();
    try {
      return await table.getEntity<Record<string, unknown>>(pk, rk);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async createCluster(record: ClusterRecord): Promise<void> {
    await this.ensureTables();
    try {
      await this.tables.clusters.createEntity(clusterEntity(record));
    } catch (error) {
      if (statusOf(error) === 409) throw new OpsError('CASSOPS_CLUSTER_EXISTS', { message: `Cluster '${record.name}' already exists.` });
      throw error;
    }
  }

  async replaceCluster(record: ClusterRecord): Promise<void> {
    await this.ensureTables();
    await this.tables.clusters.upsertEntity(clusterEntity(record), 'Replace');
  }

  async getCluster(name: string): Promise<ClusterRecord | undefined> {
    const entity = await this.read(this.tables.clusters, name);
    return entity && toCluster(entity);
  }

  async listClusters(): Promise<ClusterRecord[]> {
    await this.ensureTables();
    const out: ClusterRecord[] = [];
    for await (const entity of this.tables.clusters.listEntities<Record<string, unknown>>()) out.push(toCluster(entity));
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async setClusterState(name: string, state: ClusterState, operationId: string, at: string): Promise<void> {
    await this.ensureTables();
    await this.tables.clusters.updateEntity({ partitionKey: name, rowKey: ROW, state, lastOperationId: operationId, updatedAt: at }, 'Merge');
  }

  async deleteClusterRecords(name: string): Promise<void> {
    await this.ensureTables();
    for (const node of await this.listNodes(name)) await ignore404(this.tables.nodes.deleteEntity(name, node.name));
    await ignore404(this.tables.clusters.deleteEntity(name, ROW));
  }

  async upsertNode(record: NodeRecord): Promise<void> {
    await this.ensureTables();
    await this.tables.nodes.upsertEntity({ partitionKey: record.clusterName, rowKey: record.name, ...record }, 'Replace');
  }

  async deleteNode(clusterName: string, name: string): Promise<void> {
    await this.ensureTables();
    await ignore404(this.tables.nodes.deleteEntity(clusterName, name));
  }

  async listNodes(clusterName: string): Promise<NodeRecord[]> {
    await this.ensureTables();
    const out: NodeRecord[] = [];
    const filter = `PartitionKey eq '${clusterName.replace(/'/g, "''")}'`;
    for await (const e of this.tables.nodes.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      out.push({ clusterName: String(e.clusterName), name: String(e.name), dc: String(e.dc), rack: String(e.rack),
        privateIp: String(e.privateIp), isSeed: e.isSeed === true, vmName: String(e.vmName),
        state: String(e.state) as NodeRecord['state'], updatedAt: String(e.updatedAt) });
    }
    return out;
  }

  async createOperation(record: OperationRecord): Promise<'created' | 'exists'> {
    await this.ensureTables();
    try {
      await this.tables.operations.createEntity(operationEntity(record));
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      const stored = await this.getOperation(record.id);
      if (stored) await this.indexOperation(stored);
      return 'exists';
    }
    await this.indexOperation(record);
    return 'created';
  }

  private async indexOperation(record: OperationRecord): Promise<void> {
    await this.tables.byCluster.upsertEntity({ partitionKey: tableKey(record.clusterName),
      rowKey: `${invertedTime(record.createdAt)}_${tableKey(record.id)}`, operationId: record.id }, 'Replace');
  }

  async listOperations(clusterName: string, limit: number): Promise<OperationRecord[]> {
    await this.ensureTables();
    const ids: string[] = [];
    const pages = this.tables.byCluster.listEntities<{ operationId: string }>({
      queryOptions: { filter: odata`PartitionKey eq ${tableKey(clusterName)}`, select: ['operationId'] } }).byPage({ maxPageSize: limit });
    for await (const page of pages) {
      ids.push(...page.slice(0, limit - ids.length).map((e) => e.operationId));
      if (ids.length >= limit) break;
    }
    const records = await Promise.all(ids.map((id) => this.getOperation(id)));
    return records.filter((r): r is OperationRecord => r !== undefined);
  }

  async getOperation(id: string): Promise<OperationRecord | undefined> {
    const entity = await this.read(this.tables.operations, id);
    return entity && unpackJson<OperationRecord>(entity, 'record');
  }

  async recordProgress(update: ProgressUpdate): Promise<void> {
    await this.updateOperation(update.operationId, (record) => applyProgress(record, update));
  }

  async finishOperation(id: string, options: FinishOperationOptions): Promise<void> {
    await this.updateOperation(id, (record) => ({
      ...record, status: options.status, updatedAt: options.at, endedAt: options.at,
      percent: options.status === 'Succeeded' ? 100 : record.percent,
      ...(options.error ? { error: options.error } : {}),
    }));
  }

  async updateOperation(id: string, change: (record: OperationRecord) => OperationRecord | undefined): Promise<OperationRecord> {
    return replaceUnderEtag({
      read: () => this.read(this.tables.operations, id),
      replace: async (record, etag) => { await this.tables.operations.updateEntity(operationEntity(record), 'Replace', { etag }); },
      missing: () => new OpsError('CASSOPS_OPERATION_NOT_FOUND', { message: `Operation '${id}' does not exist.` }), name: `Operation '${id}'`,
    }, change);
  }

  async readLease(clusterName: string): Promise<Lease> {
    const entity = await this.read(this.tables.leases, clusterName);
    return { clusterName, holders: (entity && unpackJson<LeaseHolder[]>(entity, 'holders')) ?? [] };
  }

  async updateLease(clusterName: string, change: (lease: Lease) => Promise<Lease | undefined> | Lease | undefined): Promise<Lease> {
    for (let attempt = 0; attempt < MAX_ETAG_ATTEMPTS; attempt++) {
      const entity = await this.read(this.tables.leases, clusterName);
      const current: Lease = { clusterName, holders: (entity && unpackJson<LeaseHolder[]>(entity, 'holders')) ?? [] };
      const next = await change(current);
      if (!next) return current;
      if (await this.tryWriteLease(next, entity?.etag)) return next;
    }
    throw new OpsError('CASSOPS_STATE_CONFLICT', { message: `The lease of cluster '${clusterName}' kept changing while being updated.` });
  }

  /** One conditional write: create-if-absent, replace or delete under the ETag; false on a lost race. */
  private async tryWriteLease(lease: Lease, etag: string | undefined): Promise<boolean> {
    const entity = { partitionKey: lease.clusterName, rowKey: ROW, ...packJson('holders', lease.holders) };
    try {
      if (etag === undefined) {
        if (lease.holders.length > 0) await this.tables.leases.createEntity(entity);
      } else if (lease.holders.length === 0) {
        await this.tables.leases.deleteEntity(lease.clusterName, ROW, { etag });
      } else {
        await this.tables.leases.updateEntity(entity, 'Replace', { etag });
      }
      return true;
    } catch (error) {
      if ([404, 409, 412].includes(statusOf(error) ?? 0)) return false;
      throw error;
    }
  }

  async rememberIdempotencyKey(record: IdempotencyRecord): Promise<IdempotencyRecord> {
    await this.ensureTables();
    try {
      await this.tables.keys.createEntity({ partitionKey: record.key, rowKey: ROW, ...record });
      return record;
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
    const e = await this.read(this.tables.keys, record.key);
    if (!e) throw new OpsError('CASSOPS_STATE_CONFLICT', { message: 'The Idempotency-Key record vanished while being read.' });
    return { key: record.key, operationId: String(e.operationId), clusterName: String(e.clusterName), requestHash: String(e.requestHash) };
  }
}

async function ignore404(p: Promise<unknown>): Promise<void> {
  try { await p; } catch (error) { if (statusOf(error) !== 404) throw error; }
}

function clusterEntity(r: ClusterRecord) {
  return { partitionKey: r.name, rowKey: ROW, name: r.name, state: r.state, lastOperationId: r.lastOperationId,
    createdAt: r.createdAt, updatedAt: r.updatedAt, ...packJson('spec', r.spec), ...packJson('plan', r.plan) };
}

function toCluster(e: Record<string, unknown>): ClusterRecord {
  return { name: String(e.name), state: String(e.state) as ClusterState, lastOperationId: String(e.lastOperationId),
    createdAt: String(e.createdAt), updatedAt: String(e.updatedAt),
    spec: unpackJson(e, 'spec'), plan: unpackJson<ClusterRecord['plan']>(e, 'plan') as ClusterRecord['plan'] };
}

function operationEntity(r: OperationRecord) {
  return { partitionKey: r.id, rowKey: ROW, clusterName: r.clusterName, kind: r.kind, status: r.status, ...packJson('record', r) };
}
