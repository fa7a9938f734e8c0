import type { ClusterUpdatePlan } from '../domain/changes/plan-cluster-update.js';
import type { DeploymentNode, DeploymentPlan } from '../domain/deploy/deployment-plan.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import type { DeploySettings, OperationRef } from './activity-io.js';

/**
 * Input of updateCluster; its instance id is `operationId`. The new spec and its plan travel in
 * the input, and the cluster's record takes them only once every step has succeeded: a failed
 * update leaves the record as it was, and applying the same spec again resumes it.
 */
export interface UpdateClusterInput {
  operationId: string;
  clusterName: string;
  spec: ClusterSpec;
  plan: DeploymentPlan;
  update: ClusterUpdatePlan;
  /** update.restart grouped into waves (planRestartWaves, as the new spec's cluster.rollingRestart asks). */
  restartWaves?: DeploymentNode[][];
  settings: DeploySettings;
}

/** One node at a time, for the update's cleanup and decommission steps. */
export interface NodeSequenceInput {
  operation: OperationRef;
  clusterName: string;
  nodes: DeploymentNode[];
  /** Datacenters leaving the cluster: their nodes are decommissioned with `--force` (see renderDecommissionNodeScript). */
  leavingDatacenters?: string[];
}

/** The rebuild step: the new datacenters' nodes, one at a time, each streaming from `sourceDc`. */
export interface RebuildNodesInput extends NodeSequenceInput {
  sourceDc: string;
}

/** The cluster's record moved to the new spec, once the update's steps succeeded. */
export interface CommitClusterChangeInput {
  operationId: string;
  clusterName: string;
  spec: ClusterSpec;
  plan: DeploymentPlan;
}

/** A node's VM, NIC and disks to delete. */
export interface DeleteNodeInput {
  clusterName: string;
  node: DeploymentNode;
}
