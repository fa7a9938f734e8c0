import type { ErrorInfo } from '../errors/ops-error.js';
import type { ClusterState, NodeState, OperationStatus, ProgressUpdate } from './state-records.js';
import type { DatacenterPlan, DeploymentPlan, NodePlan, PeeringPlan } from './deployment-plan.js';

/** Input of the deployCluster orchestration (and its instance id is `operationId`). */
export interface DeployClusterInput {
  operationId: string;
  plan: DeploymentPlan;
  /** Deadline for one node to become UN with schema agreement. */
  joinTimeoutInMs: number;
}

export interface DeleteClusterInput {
  operationId: string;
  clusterName: string;
  resourceGroups: { name: string; location: string }[];
}

export interface FinishOperationInput {
  operationId: string;
  clusterName: string;
  status: OperationStatus;
  clusterState: ClusterState;
  at: string;
  error?: ErrorInfo;
}

export interface NodeStateInput {
  clusterName: string;
  node: NodePlan;
  state: NodeState;
  at: string;
}

export type RecordProgressInput = ProgressUpdate & { node?: NodeStateInput };

export interface NetworkInput {
  dc: DatacenterPlan;
}

export interface PeeringInput {
  peering: PeeringPlan;
  subscriptionScope?: string;
}

export interface NodeInput {
  clusterName: string;
  node: NodePlan;
}

/** A node script: one idempotent action, named so its output marker can be checked. */
export const NODE_SCRIPTS = { startCassandra: 'startCassandra', stopCassandra: 'stopCassandra' } as const;
export type NodeScriptName = (typeof NODE_SCRIPTS)[keyof typeof NODE_SCRIPTS];

export interface RunNodeScriptInput {
  node: NodePlan;
  script: NodeScriptName;
}

export interface ProbeNodeJoinedInput {
  plan: DeploymentPlan;
  node: NodePlan;
}

/** Cassandra's view of one node, read over CQL. */
export interface NodeJoinStatus {
  /** Up and Normal as the other nodes see it. */
  isUpNormal: boolean;
  schemaAgrees: boolean;
  detail: string;
}

export interface ClusterCqlInput {
  plan: DeploymentPlan;
}
