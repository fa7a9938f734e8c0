import type { BackupHistoryView } from '../backup/evaluate-backup-findings.js';
import type { RepairLedgerView } from './evaluate-repair-findings.js';
/**
 * The views a health check gathers, as plain data: what the cassandra-driver saw (the ring once,
 * and each host's own virtual tables read with the queries pinned to it), what each VM's operating
 * system reported through Run Command (the data disk only), what Azure reports about each VM, and,
 * only when the driver could not log in, whether each node's native transport port takes a TCP
 * connection. Each view carries the time it was observed and, when it could not be gathered, why.
 */

/** One node the product manages, as its inventory records it. */
export interface ManagedNode {
  name: string;
  datacenter: string;
  rack: string;
  /** The node's listen/rpc address. */
  address: string;
  vmName: string;
}

/** One host as the driver's metadata lists it (system.local / system.peers), with what it answered. */
export interface CqlHost {
  address: string;
  datacenter: string;
  rack: string;
  /** The host answered a query pinned to it. */
  up: boolean;
  hostId?: string;
  /** `schema_version` from the host's own system.local. */
  schemaVersion?: string;
  /** First word of the host's gossip STATUS (NORMAL, BOOT, LEAVING, MOVING, shutdown…) as the control host sees it. */
  gossipStatus?: string;
  /** Gossip's RPC_READY for the host: false when its native transport is off. */
  rpcReady?: boolean;
  /** What the host's own virtual tables report; undefined when it did not answer them. */
  stats?: NodeStats;
}

/** Cassandra's view through the driver. `reachable: false` means no contact point answered. */
export interface CqlView {
  observedAt: string;
  reachable: boolean;
  error?: string;
  hosts: CqlHost[];
}

/** One host's counters from its `system_views` tables (node-local: each read is pinned to the host). */
export interface NodeStats {
  /** `pending_tasks` of the CompactionExecutor pool (thread_pools). */
  pendingCompactions: number;
  /** Running SSTable tasks (sstable_tasks rows: compactions, cleanups, index builds…). */
  runningSstableTasks: number;
  /** Internode messages that expired before this host processed them, since it started (internode_inbound). */
  droppedMessages: number;
  /** Tasks blocked in any thread pool since start (thread_pools `blocked_tasks_all_time`). */
  blockedTasks: number;
  /** Hint files this host holds for other hosts (pending_hints), and when the oldest was written. */
  hintFiles: number;
  oldestHintAt?: string;
}

/** Usage of the filesystem that holds the data directory, from `df -P -B1`. */
export interface DiskUsage {
  mount: string;
  sizeBytes: number;
  usedBytes: number;
  availableBytes: number;
  /** used / (used + available), the way `df` computes its Capacity column, 0–100. */
  usedPercent: number;
}

/** The VM's operating-system view through Run Command (`df` of the data disk). `ok: false`: it did not run. */
export interface NodeProbe {
  node: string;
  observedAt: string;
  ok: boolean;
  error?: string;
  disk?: DiskUsage;
}

/** Power states Azure reports in the instance view (`PowerState/<state>`). */
export const POWER_STATES = ['starting', 'running', 'stopping', 'stopped', 'deallocating', 'deallocated', 'unknown'] as const;
export type PowerState = (typeof POWER_STATES)[number];

/** One VM as Azure sees it. */
export interface VmState {
  vmName: string;
  powerState: PowerState;
  /** `ProvisioningState/<state>` from the instance view, e.g. succeeded, updating, failed; or `notFound`. */
  provisioningState: string;
}

/** Azure's view. `ok: false` means the instance views could not be read. */
export interface AzureView {
  observedAt: string;
  ok: boolean;
  error?: string;
  vms: VmState[];
}

/**
 * How a node's native transport port answered a bare TCP connect: `accepted` (Cassandra listens),
 * `refused` (the host answered that nothing listens: the process is gone or its transport is off),
 * `silent` (no answer in time, or no route: the node or the network path, it cannot be told which).
 */
export const PORT_ANSWERS = ['accepted', 'refused', 'silent'] as const;
export type PortAnswer = (typeof PORT_ANSWERS)[number];

/** One address's answer on the native transport port; `detail` says why it was not accepted. */
export interface LivenessAnswer {
  address: string;
  answer: PortAnswer;
  detail?: string;
}

/**
 * Per node, whether Cassandra is up, asked without logging in: taken when the CQL view is not
 * reachable (a refused login, as when system_auth's LOCAL_QUORUM is lost, or no contact point).
 */
export interface LivenessView {
  observedAt: string;
  answers: LivenessAnswer[];
}

/**
 * Everything one check saw. `probes` is empty when the Run Command (disk) probe did not run this
 * time; `liveness` is present only when the CQL view was not reachable.
 */
export interface HealthViews {
  nodes: ManagedNode[];
  cql: CqlView;
  probes: NodeProbe[];
  azure: AzureView;
  liveness?: LivenessView;
  /** The repair ledger, when the cluster's is readable. */
  repairLedger?: RepairLedgerView;
  /** The latest backups and drills that decide the backup findings (selectBackupEvidence), when readable. */
  backupHistory?: BackupHistoryView;
}
