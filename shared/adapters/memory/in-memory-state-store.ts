import type { ClusterRecord, ClusterState, NodeRecord, OperationRecord, ProgressUpdate } from '../../domain/state/state-records.js';
import type { Lease } from '../../domain/operations/lease.js';
import { applyProgress } from '../../domain/operations/apply-progress.js';
import type { FinishOperationOptions, IdempotencyRecord, StateStore } from '../../domain/ports/state-store.js';
import { OpsError } from '../../errors/ops-error.js';
import { jsonCopy } from './json-copy.js';

/**
 * StateStore in memory: the twin the StateStore contract suite runs beside the Table adapter, so
 * unit tests that use it see the same semantics (insert-if-absent, conditional lease writes with
 * re-reads on a lost race, JSON copies in and out so callers cannot alias stored state).
 */
export class InMemoryStateStore implements StateStore {
  private readonly clusters = new Map<string, ClusterRecord>();
  private readonly nodes = new Map<string, Map<string, NodeRecord>>();
  private readonly operations = new Map<string, OperationRecord>();
  private readonly leases = new Map<string, Lease>();
  private readonly keys = new Map<string, IdempotencyRecord>();

  async createCluster(record: ClusterRecord): Promise<void> {
    if (this.clusters.has(record.name)) throw new OpsError('CASSOPS_CLUSTER_EXISTS', { message: `Cluster '${record.name}' already exists.` });
    this.clusters.set(record.name, jsonCopy(record));
  }

  async replaceCluster(record: ClusterRecord): Promise<void> {
    this.clusters.set(record.name, jsonCopy(record));
  }

  async getCluster(name: string): Promise<ClusterRecord | undefined> {
    return jsonCopy(this.clusters.get(name));
  }

  async listClusters(): Promise<ClusterRecord[]> {
    return [...this.clusters.values()].map(jsonCopy).sort((a, b) => a.name.localeCompare(b.name));
  }

  async setClusterState(name: string, state: ClusterState, operationId: string, at: string): Promise<void> {
    const cluster = this.clusters.get(name);
    if (!cluster) throw new OpsError('CASSOPS_CLUSTER_NOT_FOUND', { message: `No cluster is named '${name}'.` });
    this.clusters.set(name, { ...cluster, state, lastOperationId: operationId, updatedAt: at });
  }

  async deleteClusterRecords(name: string): Promise<void> {
    this.nodes.delete(name);
    this.clusters.delete(name);
  }

  async upsertNode(record: NodeRecord): Promise<void> {
    const nodes = this.nodes.get(record.clusterName) ?? new Map<string, NodeRecord>();
    nodes.set(record.name, jsonCopy(record));
    this.nodes.set(record.clusterName, nodes);
  }

  async deleteNode(clusterName: string, name: string): Promise<void> {
    this.nodes.get(clusterName)?.delete(name);
  }

  async listNodes(clusterName: string): Promise<NodeRecord[]> {
    return [...(this.nodes.get(clusterName)?.values() ?? [])].map(jsonCopy).sort((a, b) => a.name.localeCompare(b.name));
  }

  async createOperation(record: OperationRecord): Promise<'created' | 'exists'> {
    if (this.operations.has(record.id)) return 'exists';
    this.operations.set(record.id, jsonCopy(record));
    return 'created';
  }

  async getOperation(id: string): Promise<OperationRecord | undefined> {
    return jsonCopy(this.operations.get(id));
  }

  async listOperations(clusterName: string, limit: number): Promise<OperationRecord[]> {
    return [...this.operations.values()].filter((o) => o.clusterName === clusterName)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? -1 : 1)).slice(0, limit).map((o) => jsonCopy(o));
  }

  async updateOperation(id: string, change: (record: OperationRecord) => OperationRecord | undefined): Promise<OperationRecord> {
    const stored = this.operations.get(id);
    if (!stored) throw new OpsError('CASSOPS_OPERATION_NOT_FOUND', { message: `Operation '${id}' does not exist.` });
    const changed = change(jsonCopy(stored));
    if (changed) this.operations.set(id, jsonCopy(changed));
    return jsonCopy(changed ?? stored);
  }

  async recordProgress(update: ProgressUpdate): Promise<void> {
    await this.updateOperation(update.operationId, (record) => applyProgress(record, update));
  }

  async finishOperation(id: string, options: FinishOperationOptions): Promise<void> {
    await this.updateOperation(id, (record) => ({
      ...record, status: options.status, updatedAt: options.at, endedAt: options.at,
      percent: options.status === 'Succeeded' ? 100 : record.percent, ...(options.error ? { error: options.error } : {}),
    }));
  }

  async readLease(clusterName: string): Promise<Lease> {
    return jsonCopy(this.leases.get(clusterName)) ?? { clusterName, holders: [] };
  }

  async updateLease(clusterName: string, change: (lease: Lease) => Promise<Lease | undefined> | Lease | undefined): Promise<Lease> {
    for (;;) {
      const before = this.leases.get(clusterName);
      const current: Lease = jsonCopy(before) ?? { clusterName, holders: [] };
      const next = await change(current);
      if (!next) return current;
      // A write raced by another one while `change` awaited is retried, as an ETag mismatch would be.
      if (this.leases.get(clusterName) !== before) continue;
      if (next.holders.length === 0) this.leases.delete(clusterName);
      else this.leases.set(clusterName, jsonCopy(next));
      return jsonCopy(next);
    }
  }

  async rememberIdempotencyKey(record: IdempotencyRecord): Promise<IdempotencyRecord> {
    if (!this.keys.has(record.key)) this.keys.set(record.key, jsonCopy(record));
    return jsonCopy(this.keys.get(record.key)!);
  }
}
