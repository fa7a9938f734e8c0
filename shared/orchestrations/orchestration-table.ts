import { ORCHESTRATIONS, type OrchestrationName } from '../contracts/names.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { deployCluster, deployClusterV3, deployClusterV4 } from './deploy-cluster.js';
import { provisionNetwork } from './provision-network.js';
import { provisionPeerings } from './provision-peerings.js';
import { provisionVpnLinks } from './provision-vpn-links.js';
import { provisionDatacenter } from './provision-datacenter.js';
import { provisionNodes } from './provision-nodes.js';
import { provisionNode } from './provision-node.js';
import { joinNodes } from './join-nodes.js';
import { firstBootNodes, firstBootNodesV1, firstBootNodesV2 } from './first-boot-nodes.js';
import { hardenCluster } from './harden-cluster.js';
import { deleteCluster } from './delete-cluster.js';
import { sweepClusterHealth } from './sweep-cluster-health.js';
import { checkClusterHealth } from './check-cluster-health.js';
import { repairCluster, repairRounds } from './repair-cluster.js';
import { backupCluster, backupClusterV1, backupClusterV2, backupNode, backupNodeV1 } from './backup-cluster.js';
import { runNodeJob } from './run-node-job.js';
import { restoreData } from './restore-data.js';
import { drillBackup, drillBackupV1 } from './drill-backup.js';
import { followOperation } from './follow-operation.js';
import { restoreTables } from './restore-tables.js';
import { restartCluster, restartNodes } from './restart-cluster.js';
import { updateCluster } from './update-cluster.js';
import { cleanupNodes } from './cleanup-nodes.js';
import { decommissionNodes } from './decommission-nodes.js';
import { replaceNode } from './replace-node.js';
import { startNode } from './start-node.js';
import { rebuildNodes } from './rebuild-nodes.js';

/** Every orchestration by its registered name: what functions/ registers and tests replay. */
export const ORCHESTRATION_TABLE: Record<OrchestrationName, (context: OrchestrationContextLike) => Orchestration<unknown>> = {
  [ORCHESTRATIONS.deployCluster]: deployCluster,
  [ORCHESTRATIONS.deployClusterV4]: deployClusterV4,
  [ORCHESTRATIONS.deployClusterV3]: deployClusterV3,
  [ORCHESTRATIONS.deployClusterV2]: deployClusterV3,
  [ORCHESTRATIONS.provisionNetwork]: provisionNetwork,
  [ORCHESTRATIONS.provisionPeerings]: provisionPeerings,
  [ORCHESTRATIONS.provisionVpnLinks]: provisionVpnLinks,
  [ORCHESTRATIONS.provisionDatacenter]: provisionDatacenter,
  [ORCHESTRATIONS.provisionNodes]: provisionNodes,
  [ORCHESTRATIONS.provisionNode]: provisionNode,
  [ORCHESTRATIONS.joinNodes]: joinNodes,
  [ORCHESTRATIONS.firstBootNodes]: firstBootNodes,
  [ORCHESTRATIONS.firstBootNodesV2]: firstBootNodesV2,
  [ORCHESTRATIONS.firstBootNodesV1]: firstBootNodesV1,
  [ORCHESTRATIONS.hardenCluster]: hardenCluster,
  [ORCHESTRATIONS.deleteCluster]: deleteCluster,
  [ORCHESTRATIONS.deleteClusterV2]: deleteCluster,
  [ORCHESTRATIONS.repairCluster]: repairCluster,
  [ORCHESTRATIONS.repairRounds]: repairRounds,
  [ORCHESTRATIONS.backupCluster]: backupCluster,
  [ORCHESTRATIONS.backupClusterV2]: backupClusterV2,
  [ORCHESTRATIONS.backupClusterV1]: backupClusterV1,
  [ORCHESTRATIONS.backupNode]: backupNode,
  [ORCHESTRATIONS.backupNodeV1]: backupNodeV1,
  [ORCHESTRATIONS.runNodeJob]: runNodeJob,
  [ORCHESTRATIONS.restoreData]: restoreData,
  [ORCHESTRATIONS.drillBackup]: drillBackup,
  [ORCHESTRATIONS.drillBackupV1]: drillBackupV1,
  [ORCHESTRATIONS.followOperation]: followOperation,
  [ORCHESTRATIONS.restoreTables]: restoreTables,
  [ORCHESTRATIONS.restartCluster]: restartCluster,
  [ORCHESTRATIONS.restartNodes]: restartNodes,
  [ORCHESTRATIONS.updateCluster]: updateCluster,
  [ORCHESTRATIONS.cleanupNodes]: cleanupNodes,
  [ORCHESTRATIONS.decommissionNodes]: decommissionNodes,
  [ORCHESTRATIONS.replaceNode]: replaceNode,
  [ORCHESTRATIONS.startNode]: startNode,
  [ORCHESTRATIONS.rebuildNodes]: rebuildNodes,
  [ORCHESTRATIONS.sweepClusterHealth]: sweepClusterHealth,
  [ORCHESTRATIONS.checkClusterHealth]: checkClusterHealth,
};
