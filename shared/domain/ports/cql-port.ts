import type { GossipView } from '../restart/decide-node-restarted.js';
import type { BackupTable } from '../backup/backup-model.js';
import type { CqlView, LivenessView } from '../health/health-views.js';
import type { NodeRepairActivity, RingView } from '../repair/repair-model.js';

/** A login for CQL. The password is held only in memory, never logged. */
export interface CqlCredentials {
  username: string;
  password: string;
}

/** Where a CQL session connects, and as whom. */
export interface CqlTarget {
  contactPoints: string[];
  localDataCenter: string;
  /** Talk to the contact points only (no discovery of other hosts). */
  contactPointsOnly?: boolean;
  /**
   * Reach every host of every DC, for reads pinned to each host (views, gossip, repairs): a
   * session bound to its local DC ignores the other DCs' hosts, so a query pinned to one of them
   * fails as if the node were down.
   */
  everyHost?: boolean;
  credentials?: CqlCredentials;
  /**
   * The cluster CA's certificate (PEM). Every session is TLS: the node's certificate must chain to
   * it and name the address connected to (its IP SAN); nothing connects in plain text.
   */
  trustedCaPem: string;
}

/** Cassandra's view of one node, read over CQL. */
export interface NodeJoinStatus {
  /** Up and Normal as the other nodes see it. */
  isUpNormal: boolean;
  schemaAgrees: boolean;
  detail: string;
}

/** The node a join probe asks about. */
export interface JoiningNode {
  privateIp: string;
  dc: string;
  rack: string;
}

/**
 * A keyspace schema as a restore re-creates it: Cassandra's own CREATE statements, in the order it
 * gives them (keyspace, types, functions, tables each followed by its indexes), tables carrying
 * `WITH ID = …` so that snapshot files, which name their table by id, load into them.
 */
export interface BackupSchema {
  statements: { keyspace: string; cql: string }[];
  tables: BackupTable[];
}

/** How countRows reads: at most `cap` rows, at LOCAL_QUORUM unless told. */
export interface CountRowsOptions {
  cap: number;
  consistency?: 'LOCAL_QUORUM' | 'ONE';
}

/** A keyspace and its replication factor per DC. */
export interface KeyspaceReplication {
  name: string;
  replication: Record<string, number>;
}

/** The cluster administration one open session performs; every method is safe to repeat. */
export interface CqlSession {
  /** Whether the node finished joining `clusterName` and sees `expectedHosts` nodes agreeing on schema. */
  probeNodeJoined(node: JoiningNode, expectedHosts: number, clusterName: string): Promise<NodeJoinStatus>;
  /**
   * Creates each keyspace with NetworkTopologyStrategy, or ALTERs a different replication, and
   * the smoke test's table in `smokeTableIn` if named: every change on one coordinator, with one
   * wait for schema agreement for them all.
   */
  ensureKeyspaces(keyspaces: readonly KeyspaceReplication[], smokeTableIn?: string): Promise<void>;
  /** ALTERs the keyspaces to the replication, skipping those already there. */
  alterKeyspaceReplication(keyspaces: readonly string[], replication: Record<string, number>): Promise<void>;
  /** Reads every table of the keyspace at ALL, so read repair copies rows to new replicas. */
  readRepairKeyspace(keyspace: string): Promise<void>;
  /** Creates a login superuser role unless it exists (an existing role keeps its password). */
  ensureSuperuserRole(role: string, password: string): Promise<void>;
  /**
   * Creates a login role that is not a superuser unless it exists (an existing role keeps its
   * password), and grants it SELECT on what a health check reads beyond the tables every login
   * may read (system.local, system.peers_v2, system_schema): the node-local `system_views`.
   */
  ensureMonitoringRole(role: string, password: string): Promise<void>;
  /** Takes the built-in `cassandra` role's login and superuser status away. */
  disableDefaultLogin(): Promise<void>;
  /** Writes a smoke-test row at EACH_QUORUM into the table ensureKeyspaces made. */
  writeSmokeRow(keyspace: string, id: string, value: string): Promise<void>;
  /** Reads a smoke-test row at LOCAL_QUORUM in the session's local DC. */
  readSmokeRow(keyspace: string, id: string): Promise<string | undefined>;
  /** Every node's tokens, DC and rack, and every keyspace with its replication and tables (gc_grace_seconds). */
  readRing(): Promise<RingView>;
  /**
   * What each node is repairing and how loaded it is, from its own `system_views` (each query
   * pinned to the host). A node that does not answer is `reachable: false`; never throws for one.
   */
  readRepairActivity(addresses: readonly string[]): Promise<NodeRepairActivity[]>;
  /**
   * What each observer's gossip holds about every node (`system_views.gossip_info`, each query
   * pinned to the observer). An observer that does not answer is `reachable: false`; never throws for one.
   */
  readGossipViews(observers: readonly string[]): Promise<GossipView[]>;
  /**
   * The keyspaces' schema as `DESCRIBE KEYSPACE … WITH INTERNALS` gives it, and each table's id from
   * `system_schema.tables`, both asked of one host so that they come from one schema version.
   */
  readBackupSchema(keyspaces: readonly string[]): Promise<BackupSchema>;
  /**
   * Runs the schema's statements, each made idempotent (`IF NOT EXISTS`), then waits for schema
   * agreement: a second run changes nothing. A keyspace keeps the replication its statement gives
   * unless `replication` (NetworkTopologyStrategy factors per DC) is passed; an existing keyspace is
   * never altered. Refuses before changing anything: a table that exists with another id throws
   * CASSOPS_RESTORE_SCHEMA_CONFLICT naming it; a statement that is not a CREATE throws
   * CASSOPS_BACKUP_MANIFEST_INVALID. Schema still disagreeing at the end throws the retryable
   * CASSOPS_CLUSTER_UNHEALTHY.
   */
  restoreSchema(schema: BackupSchema, replication?: Record<string, number>): Promise<void>;
  /**
   * Counts the table's rows by paging through its partition key columns (COUNT(*) times out on a
   * big table), stopping past `cap`: `capped` says there were more. A table that does not exist
   * throws CASSOPS_CQL_FAILED.
   */
  countRows(keyspace: string, table: string, options: CountRowsOptions): Promise<{ rows: number; capped: boolean }>;
  /**
   * Empties the table on every node (TRUNCATE: Cassandra refuses it with Unavailable unless every
   * node is up). Emptying an empty table again changes nothing. A table that does not exist
   * throws CASSOPS_CQL_FAILED.
   */
  truncateTable(keyspace: string, table: string): Promise<void>;
}

/**
 * CQL access to a cluster. Connection failures throw the retryable CASSOPS_CQL_UNAVAILABLE; a
 * refused login throws an error isLoginRefused recognises, so callers can try another login.
 */
export interface CqlPort {
  /** Opens a session on the target, runs `work`, and always closes it. */
  withSession<T>(target: CqlTarget, work: (session: CqlSession) => Promise<T>): Promise<T>;
  /** Every host's up state and schema version; never throws (`reachable: false` with the reason). */
  readCqlView(target: CqlTarget): Promise<CqlView>;
  /** True when the error is Cassandra refusing the login (wrong password, or a login disabled). */
  isLoginRefused(error: unknown): boolean;
  /**
   * Whether each address's native transport port (the one sessions connect to) takes a TCP
   * connection, with no login and no CQL frame: the one per-node sign left when the login is
   * refused (the role is read from system_auth at LOCAL_QUORUM, so a DC that lost its quorum
   * refuses every login). Never throws; the answers follow `addresses`' order.
   */
  probeNativeTransport(addresses: string[]): Promise<LivenessView>;
}
