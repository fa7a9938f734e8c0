import type { DeploymentNode } from '../domain/deploy/deployment-plan.js';
import type { OperationRef } from './activity-io.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';

/** A rolling restart: the nodes, one at a time in this order, and how long each may take to come back. */
export interface RestartClusterInput {
  operationId: string;
  clusterName: string;
  nodes: DeploymentNode[];
  /** The nodes grouped into waves restarted together (planRestartWaves); absent: one node a wave. */
  waves?: DeploymentNode[][];
  /** Why a rack-at-a-time restart goes node by node somewhere, if it does. */
  wavesNote?: string;
  settings: { nodeTimeoutInMs: number; pollIntervalInMs: number };
}

/** The restart step's sub-orchestration: RestartClusterInput with the operation it reports to. */
export interface RestartNodesInput extends RestartClusterInput {
  operation: OperationRef;
  /** An update's new spec: each node takes its start-up settings (heap) before it goes down. */
  spec?: ClusterSpec;
  /** An upgrade's patch release: each node has it installed while down, and is back only when it runs it. */
  release?: string;
}

/** Names one node of a cluster to an activity. */
export interface ClusterNodeRef {
  clusterName: string;
  node: string;
}
