import { TableClient, type TableEntityResult } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';
import type { ClusterRecord, ClusterState, NodeRecord, OperationRecord, ProgressUpdate } from '../../contracts/state-records.js';
import { OpsError } from '../../errors/ops-error.js';
import { packJson, unpackJson } from './table-json-columns.js';
import { applyProgress } from './apply-progress.js';
import type { FinishOperationOptions, IdempotencyRecord, LeaseRecord, StateStore } from './state-store.js';

/** A connection string (Azurite, keys), or the table endpoint with a credential (managed identity on Azure). */
export type TableStateStoreOptions = ({ connectionString: string } | { tableServiceUri: string; credential: TokenCredential }) & {
  /** Prefix of every table name (letters and digits), so several apps can share an account. */
  tablePrefix?: string;
};

type Entity = TableEntityResult<Record<string, unknown>>;
const ROW = 'record';
const MAX_ETAG_ATTEMPTS = 8;

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/**
 * StateStore on Azure Table storage (Azurite locally). Partition keys make every hot read a point
 * read: clusters and leases by name, operations and idempotency keys by id, nodes by cluster.
 * Racing writes are ETag-conditional.
 */
export class TableStateStore implements StateStore {
  private readonly tables: Record<'clusters' | 'nodes' | 'operations' | 'leases' | 'keys', TableClient>;
  private ready: Promise<void> | undefined;

  constructor(options: TableStateStoreOptions) {
    const prefix = options.tablePrefix ?? 'autopilot';
    const make = (name: string) => ('connectionString' in options
      ? TableClient.fromConnectionString(options.connectionString, `${prefix}${name}`,
        { allowInsecureConnection: /UseDevelopmentStorage|127\.0\.0\.1|localhost/.test(options.connectionString) })
      : new TableClient(options.tableServiceUri, `${prefix}${name}`, options.credential));
    this.tables = { clusters: make('Clusters'), nodes: make('Nodes'), operations: make('Operations'), leases: make('Leases'), keys: make('IdempotencyKeys') };
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

  async createOperation(record: OperationRecord): Promise<void> {
    await this.ensureTables();
    await this.tables.operations.upsertEntity(operationEntity(record), 'Replace');
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

  /** Read-modify-write with the ETag, retried when another writer got there first. */
  private async updateOperation(id: string, change: (record: OperationRecord) => OperationRecord): Promise<void> {
    for (let attempt = 0; attempt < MAX_ETAG_ATTEMPTS; attempt++) {
      const entity = await this.read(this.tables.operations, id);
      const record = entity && unpackJson<OperationRecord>(entity, 'record');
      if (!entity || !record) throw new OpsError('CASSOPS_OPERATION_NOT_FOUND', { message: `Operation '${id}' does not exist.` });
      try {
        await this.tables.operations.updateEntity(operationEntity(change(record)), 'Replace', { etag: entity.etag });
        return;
      } catch (error) {
        if (statusOf(error) !== 412) throw error;
      }
    }
    throw new OpsError('CASSOPS_STATE_CONFLICT', { message: `Operation '${id}' kept changing while being updated.` });
  }

  async acquireLease(clusterName: string, operationId: string, at: string): Promise<void> {
    await this.ensureTables();
    const lease = { partitionKey: clusterName, rowKey: ROW, clusterName, operationId, acquiredAt: at };
    try {
      await this.tables.leases.createEntity(lease);
      return;
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
    const holder = await this.getLease(clusterName);
    if (holder?.operationId === operationId) return;
    throw new OpsError('CASSOPS_CLUSTER_BUSY', {
      message: `Operation '${holder?.operationId ?? 'unknown'}' is running on cluster '${clusterName}'.`,
      details: { operationId: holder?.operationId },
    });
  }

  async releaseLease(clusterName: string, operationId: string): Promise<void> {
    const entity = await this.read(this.tables.leases, clusterName);
    if (!entity || entity.operationId !== operationId) return;
    try {
      // Conditional on the ETag we read: never delete a lease someone else took meanwhile.
      await this.tables.leases.deleteEntity(clusterName, ROW, { etag: entity.etag });
    } catch (error) {
      if (statusOf(error) !== 404 && statusOf(error) !== 412) throw error;
    }
  }

  async getLease(clusterName: string): Promise<LeaseRecord | undefined> {
    const e = await this.read(this.tables.leases, clusterName);
    return e && { clusterName, operationId: String(e.operationId), acquiredAt: String(e.acquiredAt) };
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
