import type { ErrorInfo } from '../../errors/ops-error.js';

/**
 * The backup service's model: a cluster-wide backup, its manifest (what a restore needs), and the
 * records kept in Table storage for backups and restore drills. Sizes are bytes; times are ISO
 * strings; checksums are SHA-256 in lowercase hex, computed on the node from the file on disk.
 */

/**
 * Where a backup is. `Complete`: every node's files and the manifest are in Blob storage; the only
 * status offered for a restore. `Partial`: some nodes' files are stored, not all (kept for a
 * table-level look, never offered for a full restore). `Failed`: the backup stopped; nothing of it
 * is restorable.
 */
export const BACKUP_STATUSES = ['Running', 'Complete', 'Partial', 'Failed'] as const;
export type BackupStatus = (typeof BACKUP_STATUSES)[number];

/** One file of a node's snapshot, as the node's inventory reports it. */
export interface SnapshotFile {
  keyspace: string;
  table: string;
  /** The table id from the table's directory name (`<table>-<32 hex digits>`), as a UUID. */
  tableId: string;
  /** Path inside the snapshot directory: the file name, or `.<index>/<file name>` for a legacy index. */
  name: string;
  size: number;
  checksum: string;
}

/** A file in a backup: the snapshot file and the content-addressed blob that holds its bytes. */
export interface BackupFile extends SnapshotFile {
  blobName: string;
}

/** A node as the backup found it: where it sits in the ring, and its files. */
export interface BackupNode {
  node: string;
  datacenter: string;
  rack: string;
  hostId: string;
  /** Murmur3 tokens as decimal strings: a restore gives them to the new node (`initial_token`). */
  tokens: string[];
  files: BackupFile[];
}

/** A table the schema creates, with the id a restore must create it with (`WITH ID = …`). */
export interface BackupTable {
  keyspace: string;
  table: string;
  tableId: string;
}

/**
 * A table's row count as the backup saw it: counted before the first snapshot and again after
 * the last, and kept only when both agree (the table was quiet, so the snapshot holds exactly
 * these rows). A drill checks the restored table against it.
 */
export interface TableRowCount {
  keyspace: string;
  table: string;
  rows: number;
}

/** The manifest format this code writes and reads. */
export const BACKUP_MANIFEST_FORMAT = 1;

/**
 * What a restore needs, stored as one JSON blob per backup and written last: a backup whose
 * manifest is absent is not complete, whatever its files.
 */
export interface BackupManifest {
  format: typeof BACKUP_MANIFEST_FORMAT;
  backupId: string;
  clusterName: string;
  /** The spec the cluster ran (as its record holds it): a restore builds the new cluster from it. */
  spec: unknown;
  /** hashSpec of `spec`. */
  specHash: string;
  createdAt: string;
  /** The schema as CQL statements in creation order, table ids included (`DESCRIBE KEYSPACE … WITH INTERNALS`). */
  statements: { keyspace: string; cql: string }[];
  tables: BackupTable[];
  /** Sampled tables whose count was stable across the snapshots. */
  rowCounts: TableRowCount[];
  nodes: BackupNode[];
}

/** Counts a backup records as it goes. */
export interface BackupStats {
  files: number;
  bytes: number;
  /** Files and bytes uploaded by this backup; the rest were referenced from earlier ones. */
  newFiles: number;
  newBytes: number;
}

/** What the latest drill of a backup proved, kept on the backup for its listing. */
export interface BackupDrillSummary {
  drillId: string;
  status: DrillStatus;
  endedAt?: string;
  rpoSeconds?: number;
  rtoSeconds?: number;
}

/** A backup as Table storage keeps it (small whatever the cluster; the manifest is a blob). */
/** One node's backup job: the snapshot (nodetool), then checksums, plan and upload. */
export interface NodeBackupTimes {
  snapshotMs: number;
  transferMs: number;
}

export interface BackupRecord {
  clusterName: string;
  /** Also the snapshot tag on every node. */
  backupId: string;
  status: BackupStatus;
  trigger: 'api' | 'timer';
  requestedBy: string;
  /** hashSpec of the spec the cluster ran when the backup started. */
  specHash: string;
  /** Keyspaces snapshotted: the user keyspaces (or those asked for) and system_schema. */
  keyspaces: string[];
  /** Tables asked for (`keyspace.table`), when the backup is of some tables only (a safety backup before an in-place restore). */
  tables?: string[];
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  durationMs?: number;
  /** Nodes the backup covers, and those whose files are all stored. */
  nodesTotal: number;
  nodesDone: string[];
  /** Nodes left out (down at backup time) of a Partial backup, or that failed a Failed one. */
  nodesMissing: string[];
  stats: BackupStats;
  /** Where each node's backup job spent its time, as the job measured it (jobs since backupNode_v2). */
  nodeTimes?: Record<string, NodeBackupTimes>;
  /** Set once the manifest is stored. */
  manifestBlob?: string;
  latestDrill?: BackupDrillSummary;
  error?: ErrorInfo;
}

export const DRILL_STATUSES = ['Running', 'Succeeded', 'Failed'] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];

/** A restore drill: the backup restored into a throwaway cluster and checked over CQL. */
export interface DrillRecord {
  clusterName: string;
  drillId: string;
  backupId: string;
  /** The throwaway cluster, deleted when the drill ends. */
  targetCluster: string;
  status: DrillStatus;
  trigger: 'api' | 'timer';
  startedAt: string;
  endedAt?: string;
  /** Recovery time: how long the restore took until the data was readable. */
  rtoSeconds?: number;
  /** Recovery point: the backup's age when the drill started. */
  rpoSeconds?: number;
  tablesChecked?: number;
  rowsChecked?: number;
  error?: ErrorInfo;
}
