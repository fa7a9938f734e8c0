import type { ClusterRecord, ClusterState, NodeRecord, OperationRecord, ProgressUpdate } from '../state/state-records.js';
import type { ErrorInfo } from '../../errors/ops-error.js';
import type { Lease } from '../operations/lease.js';

/** An Idempotency-Key remembered with the request it answered. */
export interface IdempotencyRecord {
  key: string;
  operationId: string;
  clusterName: string;
  /** Hash of the request body: the same key with another body is refused. */
  requestHash: string;
}

export interface FinishOperationOptions {
  status: OperationRecord['status'];
  at: string;
  error?: ErrorInfo;
}

/**
 * Product state: clusters, nodes, operations, leases and idempotency keys.
 *
 * Errors (OpsError codes): CASSOPS_CLUSTER_EXISTS from createCluster; CASSOPS_OPERATION_NOT_FOUND
 * from updates of a missing operation; CASSOPS_STATE_CONFLICT when a conditional write keeps
 * losing races (retryable).
 */
export interface StateStore {
  createCluster(record: ClusterRecord): Promise<void>;
  /** Replaces the record (used for a re-run of a failed cluster). */
  replaceCluster(record: ClusterRecord): Promise<void>;
  getCluster(name: string): Promise<ClusterRecord | undefined>;
  listClusters(): Promise<ClusterRecord[]>;
  setClusterState(name: string, state: ClusterState, operationId: string, at: string): Promise<void>;
  deleteClusterRecords(name: string): Promise<void>;
  upsertNode(record: NodeRecord): Promise<void>;
  listNodes(clusterName: string): Promise<NodeRecord[]>;
  /** Removes a node's record (a node decommissioned and deleted); one already gone is not an error. */
  deleteNode(clusterName: string, name: string): Promise<void>;
  /** Inserts the record; 'exists' (nothing written) when an operation with its id is stored already. */
  createOperation(record: OperationRecord): Promise<'created' | 'exists'>;
  getOperation(id: string): Promise<OperationRecord | undefined>;
  /** The cluster's operations, newest first (by createdAt), at most `limit`, whatever started them. */
  listOperations(clusterName: string, limit: number): Promise<OperationRecord[]>;
  /**
   * Applies `change` under the record's ETag, re-reading on a lost race; `change` returning
   * undefined leaves the record as it is. Returns the record as stored afterwards.
   */
  updateOperation(id: string, change: (record: OperationRecord) => OperationRecord | undefined): Promise<OperationRecord>;
  /** Adds or updates one step and the overall percent; idempotent for a replayed update. */
  recordProgress(update: ProgressUpdate): Promise<void>;
  finishOperation(id: string, options: FinishOperationOptions): Promise<void>;
  /** The cluster's lease; no holders when none is stored. */
  readLease(clusterName: string): Promise<Lease>;
  /**
   * Read-modify-write of the lease: created if absent, else replaced under its ETag, and removed
   * once it has no holders; `change` runs again on a lost race, may await (to look up instance
   * states) and may throw to abandon the write. `change` returning undefined writes nothing.
   * Returns the lease as stored afterwards.
   */
  updateLease(clusterName: string, change: (lease: Lease) => Promise<Lease | undefined> | Lease | undefined): Promise<Lease>;
  /** Stores the key unless it exists; returns whichever record is stored afterwards. */
  rememberIdempotencyKey(record: IdempotencyRecord): Promise<IdempotencyRecord>;
}
