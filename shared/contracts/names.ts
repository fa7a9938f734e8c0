/** Registered orchestration names. A replay-breaking change gets a new name (e.g. `deployClusterV2`). */
export const ORCHESTRATIONS = {
  deployCluster: 'deployCluster',
  provisionNetwork: 'provisionNetwork',
  provisionPeerings: 'provisionPeerings',
  provisionDatacenter: 'provisionDatacenter',
  provisionNodes: 'provisionNodes',
  provisionNode: 'provisionNode',
  joinNodes: 'joinNodes',
  hardenCluster: 'hardenCluster',
  deleteCluster: 'deleteCluster',
  sweepClusterHealth: 'sweepClusterHealth',
  checkClusterHealth: 'checkClusterHealth',
} as const;

/**
 * Registered activity names: Azure verbs for ARM, `run*` for node scripts, `probe*`/`read*` for
 * reads, `record*` and `list*` for state.
 */
export const ACTIVITIES = {
  recordProgress: 'recordProgress',
  finishOperation: 'finishOperation',
  createOrUpdateResourceGroup: 'createOrUpdateResourceGroup',
  createOrUpdateNsg: 'createOrUpdateNsg',
  createOrUpdateVnet: 'createOrUpdateVnet',
  createOrUpdatePeering: 'createOrUpdatePeering',
  createOrUpdateLoadBalancer: 'createOrUpdateLoadBalancer',
  createOrUpdateAvailabilitySet: 'createOrUpdateAvailabilitySet',
  createOrUpdateNic: 'createOrUpdateNic',
  createOrUpdateVm: 'createOrUpdateVm',
  runNodeScript: 'runNodeScript',
  probeNodeJoined: 'probeNodeJoined',
  hardenAuth: 'hardenAuth',
  createKeyspaces: 'createKeyspaces',
  runSmokeTest: 'runSmokeTest',
  deleteResourceGroup: 'deleteResourceGroup',
  deleteClusterSecrets: 'deleteClusterSecrets',
  listClustersDueForHealth: 'listClustersDueForHealth',
  loadHealthContext: 'loadHealthContext',
  probeCqlView: 'probeCqlView',
  readAzureView: 'readAzureView',
  probeNodeHealth: 'probeNodeHealth',
  recordHealthCheck: 'recordHealthCheck',
} as const;

export type OrchestrationName = (typeof ORCHESTRATIONS)[keyof typeof ORCHESTRATIONS];
export type ActivityName = (typeof ACTIVITIES)[keyof typeof ACTIVITIES];
