/**
 * Registered orchestration names. The value carries a version: a change to an orchestration's
 * order of steps or its input gets a new version, so an instance in flight while the app is
 * upgraded replays against the code it started with (the old version stays registered until no
 * instance of it runs). test/unit/orchestrations/orchestration-versions.test.ts holds each
 * version's schedule fingerprint and fails when the schedule changes under the same name.
 */
export const ORCHESTRATIONS = {
  /** v5 calls firstBootNodes_v3, which leaves the starts to the nodes' cloud-init. */
  deployCluster: 'deployCluster_v5',
  /** Still registered for instances started before v5 (their first boot is firstBootNodes_v2). */
  deployClusterV4: 'deployCluster_v4',
  /** Still registered for instances started before v4 (their first boot is firstBootNodes_v1). */
  deployClusterV3: 'deployCluster_v3',
  /** Still registered for instances started before v3: their settings carry no firstBoot, so they replay the ordered joins. */
  deployClusterV2: 'deployCluster_v2',
  provisionNetwork: 'provisionNetwork_v2',
  /**
   * Still v2: for a plan linked by VPN gateways it hands over to provisionVpnLinks, and no
   * instance started before that change can hold such a plan (deployment refused vpnGateway), so
   * every earlier instance replays the same schedule (its fingerprint is unchanged).
   */
  provisionPeerings: 'provisionPeerings_v2',
  /** The DCs' VPN gateways (begun, then polled: Azure takes tens of minutes) and the connections between them. */
  provisionVpnLinks: 'provisionVpnLinks_v1',
  provisionDatacenter: 'provisionDatacenter_v2',
  provisionNodes: 'provisionNodes_v2',
  provisionNode: 'provisionNode_v2',
  joinNodes: 'joinNodes_v2',
  firstBootNodes: 'firstBootNodes_v3',
  /** Still registered for deployCluster_v4 instances. */
  firstBootNodesV2: 'firstBootNodes_v2',
  /** Still registered for deployCluster_v3 instances. */
  firstBootNodesV1: 'firstBootNodes_v1',
  hardenCluster: 'hardenCluster_v2',
  /** v3 deletes the cluster's VPN connections before its groups (Azure keeps a gateway a connection elsewhere uses). */
  deleteCluster: 'deleteCluster_v3',
  /** Still registered for instances started before v3 (their input lists no VPN connections, so v3's code replays them unchanged). */
  deleteClusterV2: 'deleteCluster_v2',
  repairCluster: 'repairCluster_v1',
  repairRounds: 'repairRounds_v1',
  /** v3 backs each node up with backupNode_v2; v2 records and cleans up a failure before the operation closes, v1 did it after. */
  backupCluster: 'backupCluster_v3',
  /** Still registered for instances started before v3: their nodes run backupNode_v1. */
  backupClusterV2: 'backupCluster_v2',
  /** Still registered for instances started before v2: they replay the failure handled after the close. */
  backupClusterV1: 'backupCluster_v1',
  /** v2 is one node job (snapshot, plan and upload); v1 was a snapshot job, the app's plan, then an upload job. */
  backupNode: 'backupNode_v2',
  /** Still registered for backupCluster_v1 and _v2 instances. */
  backupNodeV1: 'backupNode_v1',
  runNodeJob: 'runNodeJob_v1',
  restoreData: 'restoreData_v1',
  /** v2 deletes the throwaway cluster and records a failed drill before the operation closes; v1 did it after. */
  drillBackup: 'drillBackup_v2',
  /** Still registered for instances started before v2: they replay the failure handled after the close. */
  drillBackupV1: 'drillBackup_v1',
  followOperation: 'followOperation_v1',
  restartCluster: 'restartCluster_v1',
  restartNodes: 'restartNodes_v1',
  restoreTables: 'restoreTables_v1',
  updateCluster: 'updateCluster_v1',
  cleanupNodes: 'cleanupNodes_v1',
  decommissionNodes: 'decommissionNodes_v1',
  replaceNode: 'replaceNode_v1',
  startNode: 'startNode_v1',
  rebuildNodes: 'rebuildNodes_v1',
  sweepClusterHealth: 'sweepClusterHealth_v3',
  checkClusterHealth: 'checkClusterHealth_v3',
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
  deletePeering: 'deletePeering',
  beginVpnGateway: 'beginVpnGateway',
  readVpnGatewayState: 'readVpnGatewayState',
  ensureVpnSharedKey: 'ensureVpnSharedKey',
  createOrUpdateVpnConnection: 'createOrUpdateVpnConnection',
  readVpnConnectionStatus: 'readVpnConnectionStatus',
  deleteVpnConnection: 'deleteVpnConnection',
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
  probeNativeTransport: 'probeNativeTransport',
  readAzureView: 'readAzureView',
  probeNodeHealth: 'probeNodeHealth',
  recordHealthCheck: 'recordHealthCheck',
  checkRepairReady: 'checkRepairReady',
  planRepairRun: 'planRepairRun',
  advanceRepairRun: 'advanceRepairRun',
  recordRepairLedger: 'recordRepairLedger',
  startNodeJob: 'startNodeJob',
  readNodeJob: 'readNodeJob',
  deleteNodeJob: 'deleteNodeJob',
  checkBackupReady: 'checkBackupReady',
  planBackupNode: 'planBackupNode',
  listStoredBlobs: 'listStoredBlobs',
  recordBackupNode: 'recordBackupNode',
  writeBackupManifest: 'writeBackupManifest',
  recordBackupFailed: 'recordBackupFailed',
  applyBackupRetention: 'applyBackupRetention',
  prepareRestore: 'prepareRestore',
  startDrillRestore: 'startDrillRestore',
  readOperationOutcome: 'readOperationOutcome',
  checkDrillRestore: 'checkDrillRestore',
  startDrillCleanup: 'startDrillCleanup',
  recordDrill: 'recordDrill',
  startSafetyBackup: 'startSafetyBackup',
  truncateTables: 'truncateTables',
  checkRestartReady: 'checkRestartReady',
  readNodeGeneration: 'readNodeGeneration',
  probeNodeRestarted: 'probeNodeRestarted',
  writeJvmOptions: 'writeJvmOptions',
  installCassandra: 'installCassandra',
  planUpgrade: 'planUpgrade',
  probeNodeInRing: 'probeNodeInRing',
  deleteNodeResources: 'deleteNodeResources',
  commitClusterChange: 'commitClusterChange',
  recordProposal: 'recordProposal',
  recordDecision: 'recordDecision',
  checkReplaceReady: 'checkReplaceReady',
  startVm: 'startVm',
} as const;

export type OrchestrationName = (typeof ORCHESTRATIONS)[keyof typeof ORCHESTRATIONS];
export type ActivityName = (typeof ACTIVITIES)[keyof typeof ACTIVITIES];
