/**
 * The three views a health check gathers, as plain data: what the cassandra-driver saw, what
 * each node reported about itself through Run Command, and what Azure reports about each VM.
 * Each view carries the time it was observed and, when it could not be gathered, why.
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

/** One host as the driver's metadata reports it (system.local / system.peers plus pool state). */
export interface CqlHost {
  address: string;
  datacenter: string;
  rack: string;
  up: boolean;
  hostId?: string;
  /** `schema_version` from system.local (the coordinator) or system.peers (the others). */
  schemaVersion?: string;
}

/** Cassandra's view through the driver. `reachable: false` means no contact point answered. */
export interface CqlView {
  observedAt: string;
  reachable: boolean;
  error?: string;
  hosts: CqlHost[];
}

/** One row of `nodetool status`: how the reporting node sees one endpoint. */
export interface NodetoolStatusRow {
  datacenter: string;
  status: 'U' | 'D' | '?';
  state: 'N' | 'L' | 'J' | 'M';
  address: string;
  /** Load in bytes; undefined when nodetool printed `?` or the row was condensed. */
  loadBytes?: number;
  tokens?: number;
  /** Effective ownership in percent; undefined when nodetool printed `?`. */
  ownsPercent?: number;
  hostId?: string;
  rack?: string;
}

/** The fields of `nodetool info` the evaluation uses. */
export interface NodetoolInfo {
  hostId?: string;
  gossipActive?: boolean;
  nativeTransportActive?: boolean;
  heapUsedMb?: number;
  heapMaxMb?: number;
  datacenter?: string;
  rack?: string;
  uptimeSeconds?: number;
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

/** The node's own view through Run Command. `ok: false` means the probe did not run or failed. */
export interface NodeProbe {
  node: string;
  observedAt: string;
  ok: boolean;
  error?: string;
  status?: NodetoolStatusRow[];
  info?: NodetoolInfo;
  pendingCompactions?: number;
  /** Cumulative dropped mutation messages since the node started (tpstats). */
  droppedMutations?: number;
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

/** Everything one check saw. `probes` is empty when the deep probe did not run this time. */
export interface HealthViews {
  nodes: ManagedNode[];
  cql: CqlView;
  probes: NodeProbe[];
  azure: AzureView;
}
