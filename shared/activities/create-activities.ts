import type { ActivityName } from '../contracts/names.js';
import type { ActivityContext, ActivityDeps } from './activity-deps.js';
import { createBookkeepingActivities } from './bookkeeping-activities.js';
import { createClusterActivities } from './cluster-activities.js';
import { createHealthActivities } from './health-activities.js';
import { createNetworkActivities } from './network-activities.js';
import { createVpnActivities } from './vpn-activities.js';
import { createNodeActivities } from './node-activities.js';
import { createRepairActivities } from './repair-activities.js';
import { createBackupActivities } from './backup-activities.js';
import { createBackupRetentionActivities } from './backup-retention-activities.js';
import { createNodeJobActivities } from './node-job-activities.js';
import { createRestoreActivities } from './restore-activities.js';
import { createDrillActivities } from './drill-activities.js';
import { createTableRestoreActivities } from './table-restore-activities.js';
import { createRestartActivities } from './restart-activities.js';
import { createMachineActivities } from './machine-activities.js';
import { createApprovalActivities } from './approval-activities.js';
import { createReplaceActivities } from './replace-activities.js';

/** An activity handler: input in, JSON-serialisable output out. */
export type ActivityHandler = (input: never, context: ActivityContext) => Promise<unknown>;

/** Every activity, deploy and health, by its registered name, bound to the ports once. */
export function createActivities(deps: ActivityDeps): Record<ActivityName, ActivityHandler> {
  return {
    ...createBookkeepingActivities(deps),
    ...createNetworkActivities(deps),
    ...createVpnActivities(deps),
    ...createNodeActivities(deps),
    ...createClusterActivities(deps),
    ...createHealthActivities(deps),
    ...createRepairActivities(deps),
    ...createNodeJobActivities(deps),
    ...createBackupActivities(deps),
    ...createBackupRetentionActivities(deps),
    ...createRestoreActivities(deps),
    ...createDrillActivities(deps),
    ...createTableRestoreActivities(deps),
    ...createRestartActivities(deps),
    ...createMachineActivities(deps),
    ...createApprovalActivities(deps),
    ...createReplaceActivities(deps),
  };
}
