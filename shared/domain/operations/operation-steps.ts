import type { OperationKind } from './operation-kinds.js';

/** One step of an operation and its share of the whole (weights of a kind sum to 100). */
export interface StepWeight {
  name: string;
  weight: number;
}

/**
 * Every operation's steps in order, with weights close to their share of the wall time (measured
 * on the local stack: joins and VM creation dominate a deployment). The percent an operation
 * shows is derived from this table alone, never written by hand in an orchestration.
 */
export const OPERATION_STEPS: Readonly<Record<OperationKind, readonly StepWeight[]>> = {
  DeployCluster: [
    { name: 'validate', weight: 1 },
    { name: 'network', weight: 20 },
    { name: 'nodes', weight: 30 },
    { name: 'join', weight: 35 },
    { name: 'harden', weight: 10 },
    { name: 'smokeTest', weight: 4 },
  ],
  DeleteCluster: [
    // Only for regions linked by VPN: their connections go before the groups.
    { name: 'links', weight: 5 },
    { name: 'resources', weight: 85 },
    { name: 'secrets', weight: 10 },
  ],
  RepairCluster: [
    { name: 'check', weight: 2 },
    { name: 'plan', weight: 3 },
    { name: 'repair', weight: 93 },
    { name: 'ledger', weight: 2 },
  ],
  BackupCluster: [
    { name: 'check', weight: 3 },
    { name: 'upload', weight: 85 },
    { name: 'manifest', weight: 4 },
    { name: 'cleanup', weight: 8 },
  ],
  RestoreCluster: [
    { name: 'validate', weight: 1 },
    { name: 'network', weight: 15 },
    { name: 'nodes', weight: 25 },
    { name: 'join', weight: 25 },
    { name: 'harden', weight: 8 },
    { name: 'restore', weight: 24 },
    { name: 'smokeTest', weight: 2 },
  ],
  RestoreDrill: [
    { name: 'restore', weight: 70 },
    { name: 'check', weight: 10 },
    { name: 'cleanup', weight: 18 },
    { name: 'record', weight: 2 },
  ],
  RestartCluster: [
    { name: 'check', weight: 2 },
    { name: 'restart', weight: 98 },
  ],
  // Bootstrap and decommission stream a node's share of the data; cleanup rewrites each node's SSTables.
  UpdateCluster: [
    { name: 'validate', weight: 1 },
    { name: 'check', weight: 2 },
    { name: 'network', weight: 4 },
    { name: 'restart', weight: 14 },
    { name: 'nodes', weight: 12 },
    { name: 'join', weight: 25 },
    { name: 'keyspaces', weight: 2 },
    { name: 'rebuild', weight: 10 },
    { name: 'cleanup', weight: 13 },
    { name: 'decommission', weight: 14 },
    { name: 'retire', weight: 2 },
    { name: 'commit', weight: 1 },
  ],
  // The replacement streams the dead node's whole share: the join is most of it.
  ReplaceNode: [
    { name: 'validate', weight: 1 },
    { name: 'check', weight: 2 },
    { name: 'approval', weight: 1 },
    { name: 'nodes', weight: 26 },
    { name: 'join', weight: 70 },
  ],
  // Powering on takes about as long as Cassandra's start and its rejoin.
  StartNode: [
    { name: 'start', weight: 50 },
    { name: 'join', weight: 50 },
  ],
  // The safety backup uploads only what earlier backups did not hold; the restore downloads and imports every file of the tables.
  RestoreTables: [
    { name: 'safety', weight: 25 },
    { name: 'truncate', weight: 5 },
    { name: 'restore', weight: 70 },
  ],
};

/**
 * The operation's percent when `step` is `stepPercent` done: the weights of the steps before it
 * plus its share. Throws RangeError for a step the kind's table does not list (a bug: every step
 * an orchestration records must be in the table).
 */
export function operationPercent(kind: OperationKind, step: string, stepPercent: number): number {
  const steps = OPERATION_STEPS[kind];
  const index = steps.findIndex((s) => s.name === step);
  if (index < 0) throw new RangeError(`operation ${kind} has no step '${step}'`);
  const before = steps.slice(0, index).reduce((sum, s) => sum + s.weight, 0);
  const share = (steps[index]!.weight * Math.max(0, Math.min(100, stepPercent))) / 100;
  return Math.round(before + share);
}
