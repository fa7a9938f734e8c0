import type { ErrorInfo } from '../../errors/ops-error.js';

/**
 * The repair service's model: the ring as CQL reports it, the segments a run repairs, and the
 * records a run keeps in Table storage segment by segment. Tokens are Murmur3 tokens held as
 * decimal strings (they do not fit a number); a segment repairs the range (start, end].
 */

/** A node of the ring as `system.local`/`system.peers_v2` report it. */
export interface RingNode {
  address: string;
  /** Cassandra's `host_id`: what names a node across an address change (and what a restore replaces). */
  hostId: string;
  dc: string;
  rack: string;
  tokens: string[];
}

/** A table and the grace period its tombstones live for. */
export interface TableInfo {
  keyspace: string;
  table: string;
  gcGraceSeconds: number;
}

/** A keyspace to repair: replication per DC (SimpleStrategy reads as `{ '*': rf }`) and its tables. */
export interface KeyspaceInfo {
  name: string;
  replication: Record<string, number>;
  tables: TableInfo[];
}

/** What a run reads over CQL before it plans. */
export interface RingView {
  nodes: RingNode[];
  keyspaces: KeyspaceInfo[];
}

/** `full` (subrange full repair, the default) or `incremental`. */
export const REPAIR_MODES = ['full', 'incremental'] as const;
export type RepairMode = (typeof REPAIR_MODES)[number];

/** One piece of the ring repaired by one `nodetool repair -st start -et end keyspace [tables]`. */
export interface RepairSegment {
  id: string;
  keyspace: string;
  /** Empty: every table of the keyspace. */
  tables: string[];
  start: string;
  end: string;
  /** The replicas' addresses, sorted; no two segments sharing one run at once. */
  replicas: string[];
  /** `replicas` joined: the group a segment belongs to. */
  replicaSetKey: string;
}

/** How a run repairs: spec settings (`schedules.repair`) with their defaults applied. */
export interface RepairSettings {
  mode: RepairMode;
  /** Segments per node per keyspace (Reaper's segmentCountPerNode). */
  segmentsPerNode: number;
  /** 0 < intensity <= 1: after a segment of duration d its replicas rest d * (1 - intensity) / intensity. */
  intensity: number;
  segmentTimeoutMinutes: number;
  /** A segment that times out is split in two while it spans more than this many tokens. */
  minSegmentTokens: string;
  /** Attempts before a failing segment fails the run. */
  maxAttempts: number;
  /** A segment waits while one of its replicas has more pending compactions than this. */
  pendingCompactionsThreshold: number;
  /** A run pauses while a node is down and fails once it has been down this long. */
  nodeDownLimitMinutes: number;
  /** Segments handed to a coordinator at once (one Run Command starts them all, run in order). */
  batchSize: number;
}

/** Where a segment is in its run. */
export const SEGMENT_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];

/** A segment and its progress, one Table storage row per segment. */
export interface SegmentRecord extends RepairSegment {
  status: SegmentStatus;
  attempts: number;
  /** Not started again before this instant (retry backoff, intensity pause). */
  notBefore?: string;
  /** The node that runs it, and the batch it was handed to the node in. */
  coordinator?: string;
  batchId?: string;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  /** Cassandra's own message for the last failure. */
  lastError?: string;
  /** When its repair command started on the coordinator, as `system_views.repairs` says. */
  commandStartedAt?: string;
  /** Set on the two halves of a segment split after a timeout. */
  splitFrom?: string;
}

/** What a user asked of a run; the run loop reads it before each round. */
export const REPAIR_DESIRED = ['run', 'pause', 'cancel'] as const;
export type RepairDesired = (typeof REPAIR_DESIRED)[number];

export const REPAIR_RUN_STATES = ['Planning', 'Running', 'Paused', 'Succeeded', 'Failed', 'Cancelled'] as const;
export type RepairRunState = (typeof REPAIR_RUN_STATES)[number];

/** A segment being repaired now, as the run shows it. */
export interface RunningSegment {
  segmentId: string;
  keyspace: string;
  node: string;
  start: string;
  end: string;
  since: string;
}

/** A segment failure kept on the run (the newest few). */
export interface SegmentFailure {
  segmentId: string;
  keyspace: string;
  node: string;
  start: string;
  end: string;
  message: string;
  at: string;
}

/** A repair run; its id is its operation's id. */
export interface RepairRunRecord {
  clusterName: string;
  runId: string;
  state: RepairRunState;
  desired: RepairDesired;
  mode: RepairMode;
  /** What was asked; absent: every keyspace with replication (and every table). */
  keyspaces?: string[];
  tables?: string[];
  settings: RepairSettings;
  requestedBy: string;
  trigger: 'api' | 'timer';
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  segmentsTotal: number;
  segmentsDone: number;
  running: RunningSegment[];
  failures: SegmentFailure[];
  /** Seconds left at the pace so far; absent until a segment finished. */
  etaSeconds?: number;
  /** Why the run is paused (a user, a node down, a topology change). */
  pausedReason?: string;
  /** Since when a node has been down (the run fails past nodeDownLimitMinutes). */
  nodeDownSince?: string;
  /** A topology change paused the run: its remaining segments are planned again on the new ring before it goes on. */
  replanNeeded?: boolean;
  error?: ErrorInfo;
}

/** When a table's whole token range was last repaired. */
export interface LedgerEntry {
  clusterName: string;
  keyspace: string;
  table: string;
  gcGraceSeconds: number;
  lastCompleteRepairAt?: string;
  runId?: string;
}

/** One row of a node's `system_views.repairs`: a repair command it coordinates or coordinated. */
export interface RepairCommandRow {
  id: string;
  keyspace: string;
  /** `(start,end]` as Cassandra prints them. */
  ranges: string[];
  /** The tables asked for; empty when the command named none (every table). */
  tables: string[];
  completed: boolean;
  /** `success`, `failure`, or a state of a running repair. */
  status: string;
  failureCause?: string;
  durationMs?: number;
  startedAt: string;
}

/** A node's repair commands and load, as its own virtual tables report them. */
export interface NodeRepairActivity {
  address: string;
  reachable: boolean;
  repairs: RepairCommandRow[];
  /** Pending tasks of the CompactionExecutor pool. */
  pendingCompactions: number;
  error?: string;
}

/** What the watch over `system_views.repairs` learned about a running segment. */
export type SegmentOutcome =
  | { segmentId: string; kind: 'succeeded'; durationMs: number }
  | { segmentId: string; kind: 'failed'; message: string }
  | { segmentId: string; kind: 'timedOut' }
  /** Its batch runner is gone without starting it (the node restarted, the host died before the start): no attempt counted. */
  | { segmentId: string; kind: 'abandoned' };
