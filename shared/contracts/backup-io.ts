import type { DeploymentNode } from '../domain/deploy/deployment-plan.js';
import type { ErrorInfo } from '../errors/ops-error.js';
import type { OperationRef } from './activity-io.js';

/** Names a backup to the activities of its orchestration. */
export interface BackupRef {
  clusterName: string;
  backupId: string;
}

/** The backup orchestration's input; the backup's id is its operation's. */
export interface BackupClusterInput extends BackupRef {
  operationId: string;
}

/** One node's part of a backup: snapshot, plan, upload, verify. */
export interface BackupNodeInput extends BackupRef {
  operation: OperationRef;
  node: string;
}

/** What checkBackupReady found: the nodes to back up (those up) and those left out. */
export interface BackupReady {
  nodes: string[];
  nodesDown: string[];
}

/** A node's share of a backup, as its plan counted it. */
export interface NodeBackupStats {
  files: number;
  bytes: number;
  newFiles: number;
  newBytes: number;
}

/**
 * What a node job does, in terms the starting activity turns into script parameters (and a SAS
 * of the right scope) when it starts it: the orchestration never holds a credential. Cleanup and
 * decommission need none; the operation that asks for them names their job.
 */
export type NodeJobRequest =
  | { script: 'backupFiles' | 'snapshotBackup' | 'uploadBackup' | 'clearSnapshot'; backupId: string }
  | { script: 'restoreFiles'; sourceCluster: string; backupId: string; restoreId: string }
  | { script: 'cleanupNode'; operationId: string }
  /** `force`: the node's datacenter is leaving the cluster (decommissioned below system_auth's RF there). */
  | { script: 'decommissionNode'; operationId: string; force?: boolean }
  | { script: 'rebuildNode'; operationId: string; sourceDc: string };

/** A node job to run to its end: on `node` of `clusterName`. */
export interface NodeJobInput {
  clusterName: string;
  node: string;
  job: NodeJobRequest;
  /** The node's machine, when the cluster's record does not plan the node yet (an update's new node, until it commits). */
  machine?: DeploymentNode;
}

/** Names a restore to the activities of its orchestration: the backup, and the cluster it lands in. */
export interface RestoreRef {
  sourceCluster: string;
  backupId: string;
  targetCluster: string;
  restoreId: string;
  /** Tables restored (`keyspace.table`); absent: every table of the backup. */
  tables?: string[];
}

/** Names an in-place restore to its activities: the cluster, the backup, and the tables it empties and loads. */
export interface TableRestoreRef {
  clusterName: string;
  restoreId: string;
  backupId: string;
  /** `keyspace.table`, every one held by the backup. */
  tables: string[];
}

/** The in-place restore orchestration's input; the restore's id is its operation's. */
export interface RestoreTablesInput extends TableRestoreRef {
  operationId: string;
}

/** Names a drill to its activities. */
export interface DrillRef {
  clusterName: string;
  drillId: string;
}

/** The drill orchestration's input; the drill's id is its operation's. */
export interface DrillBackupInput extends DrillRef {
  operationId: string;
}

/** Where a followed operation stands. */
export interface OperationOutcome {
  status: 'Running' | 'Succeeded' | 'Failed';
  endedAt?: string;
  error?: ErrorInfo;
}

/** How a drill ended, for its record. */
export interface RecordDrillInput extends DrillRef {
  status: 'Succeeded' | 'Failed';
  /** When the restored data was checked readable: the end of the recovery the RTO measures. */
  restoredAt?: string;
  tablesChecked?: number;
  rowsChecked?: number;
  error?: ErrorInfo;
}
