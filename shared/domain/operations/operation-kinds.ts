/**
 * The kinds of operation and which may run beside which: the one admission table of the
 * product. Every operation belongs to a class; a class lists the classes it cannot run beside.
 * A health check reads and never takes a lease, so it excludes nothing and nothing excludes it.
 */
export const OPERATION_KINDS = {
  DeployCluster: 'DeployCluster', DeleteCluster: 'DeleteCluster', RepairCluster: 'RepairCluster', BackupCluster: 'BackupCluster',
  RestoreCluster: 'RestoreCluster', RestoreDrill: 'RestoreDrill', RestoreTables: 'RestoreTables', RestartCluster: 'RestartCluster',
  UpdateCluster: 'UpdateCluster', ReplaceNode: 'ReplaceNode', StartNode: 'StartNode',
} as const;
export type OperationKind = (typeof OPERATION_KINDS)[keyof typeof OPERATION_KINDS];

/** What an operation does to the cluster, for admission. Stored as strings. */
export const OPERATION_CLASSES = ['topology', 'repair', 'backup', 'drill', 'restore'] as const;
export type OperationClass = (typeof OPERATION_CLASSES)[number];

/**
 * Which classes a running operation of each class keeps out. Symmetric by construction (the
 * test checks it): a topology change moves token ranges under a repair's segments and a
 * backup's snapshots, so neither runs beside it; two repairs would repair the same ranges twice;
 * a repair and a backup only read, so they may share the cluster. A drill works on a throwaway
 * cluster of its own and only reads the source's backups, so it keeps out only a second drill.
 * An in-place restore needs each node to keep the tokens its files came from (no topology
 * change), would have a repair stream the tables it is emptying and reloading, and two of them
 * would empty each other's tables; a backup it lets in, since its own safety backup is one.
 */
export const EXCLUDES: Readonly<Record<OperationClass, readonly OperationClass[]>> = {
  topology: ['topology', 'repair', 'backup', 'restore'],
  repair: ['topology', 'repair', 'restore'],
  backup: ['topology', 'backup'],
  drill: ['drill'],
  restore: ['topology', 'repair', 'restore'],
};

/** Each kind's class, and the cluster state to record if it is abandoned before it finished. */
export const OPERATION_KIND_TABLE: Readonly<Record<OperationKind, { class: OperationClass; clusterStateWhenAbandoned: 'Failed' | undefined }>> = {
  DeployCluster: { class: 'topology', clusterStateWhenAbandoned: 'Failed' },
  DeleteCluster: { class: 'topology', clusterStateWhenAbandoned: 'Failed' },
  RepairCluster: { class: 'repair', clusterStateWhenAbandoned: undefined },
  BackupCluster: { class: 'backup', clusterStateWhenAbandoned: undefined },
  RestoreCluster: { class: 'topology', clusterStateWhenAbandoned: 'Failed' },
  RestoreDrill: { class: 'drill', clusterStateWhenAbandoned: undefined },
  RestoreTables: { class: 'restore', clusterStateWhenAbandoned: undefined },
  // A node down for its restart would fail a backup's snapshot and stall a repair's segments: a topology change to them.
  RestartCluster: { class: 'topology', clusterStateWhenAbandoned: undefined },
  // An abandoned update left the record on the old spec; applying the new one again resumes it.
  UpdateCluster: { class: 'topology', clusterStateWhenAbandoned: undefined },
  ReplaceNode: { class: 'topology', clusterStateWhenAbandoned: undefined },
  // A node rejoining: a snapshot or repair segment would find it half there.
  StartNode: { class: 'topology', clusterStateWhenAbandoned: undefined },
};

/**
 * Which running classes step aside for a requested class instead of keeping it out: a repair
 * run never makes a topology change wait for it (runs take days); it pauses at its next segment
 * boundary while the change holds the cluster and resumes on the new ring afterwards.
 */
export const YIELDS: Readonly<Partial<Record<OperationClass, readonly OperationClass[]>>> = {
  repair: ['topology'],
};

/** True when an operation of kind `requested` may start while one of kind `running` holds the cluster. */
export function mayRunBeside(running: OperationKind, requested: OperationKind): boolean {
  const held = OPERATION_KIND_TABLE[running].class;
  const asked = OPERATION_KIND_TABLE[requested].class;
  return !EXCLUDES[held].includes(asked) || (YIELDS[held]?.includes(asked) ?? false);
}

/** True when an operation of `kind` pauses while one of `holder` holds the cluster beside it. */
export function yieldsTo(kind: OperationKind, holder: OperationKind): boolean {
  return YIELDS[OPERATION_KIND_TABLE[kind].class]?.includes(OPERATION_KIND_TABLE[holder].class) ?? false;
}

/** Why an operation was started. Stored as strings. */
export const OPERATION_TRIGGERS = ['api', 'timer', 'alert', 'remediation'] as const;
export type OperationTrigger = (typeof OPERATION_TRIGGERS)[number];
