import type { ClusterRecord, ClusterState, NodeRecord, OperationRecord, ProgressUpdate } from '../../contracts/state-records.js';
import type { ErrorInfo } from '../../errors/ops-error.js';

/** Who holds a cluster's lease: the one mutating operation allowed to run on it. */
export interface LeaseRecord {
  clusterName: string;
  operationId: string;
  acquiredAt: string;
}

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
 * Errors (OpsError codes): CASSOPS_CLUSTER_EXISTS from createCluster; CASSOPS_CLUSTER_BUSY
 * (details.operationId = the holder) from acquireLease; CASSOPS_STATE_CONFLICT when a
 * conditional write keeps losing races (retryable).
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
  createOperation(record: OperationRecord): Promise<void>;
  getOperation(id: string): Promise<OperationRecord | undefined>;
  /** Adds or updates one step and the overall percent; idempotent for a replayed update. */
  recordProgress(update: ProgressUpdate): Promise<void>;
  finishOperation(id: string, options: FinishOperationOptions): Promise<void>;
  /** Takes the lease for `operationId`; re-acquiring by the same holder succeeds. */
  acquireLease(clusterName: string, operationId: string, at: string): Promise<void>;
  /** Releases the lease only if `operationId` holds it. */
  releaseLease(clusterName: string, operationId: string): Promise<void>;
  getLease(clusterName: string): Promise<LeaseRecord | undefined>;
  /** Stores the key unless it exists; returns whichever record is stored afterwards. */
  rememberIdempotencyKey(record: IdempotencyRecord): Promise<IdempotencyRecord>;
}
