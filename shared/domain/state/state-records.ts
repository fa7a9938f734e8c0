import type { ErrorInfo } from '../../errors/ops-error.js';
import type { DeploymentPlan } from '../deploy/deployment-plan.js';
import type { OperationKind, OperationTrigger } from '../operations/operation-kinds.js';

/** Cluster lifecycle states, stored as strings. */
export const CLUSTER_STATES = {
  Provisioning: 'Provisioning',
  Ready: 'Ready',
  Failed: 'Failed',
  Deleting: 'Deleting',
  Deleted: 'Deleted',
} as const;
export type ClusterState = (typeof CLUSTER_STATES)[keyof typeof CLUSTER_STATES];

/** Operation statuses, stored as strings. */
export const OPERATION_STATUSES = {
  Running: 'Running',
  /** Holds the cluster and waits for a person's approve or reject (the proposal says what and why). */
  AwaitingApproval: 'AwaitingApproval',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
} as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[keyof typeof OPERATION_STATUSES];

/** True while the operation has not ended: running, or waiting for an approval. */
export function isOperationOpen(status: OperationStatus): boolean {
  return status === 'Running' || status === 'AwaitingApproval';
}


/** Node states as the deployment advances them. */
export const NODE_STATES = {
  Planned: 'Planned',
  VmCreated: 'VmCreated',
  Joined: 'Joined',
  Failed: 'Failed',
} as const;
export type NodeState = (typeof NODE_STATES)[keyof typeof NODE_STATES];

export interface StepRecord {
  name: string;
  status: 'Running' | 'Succeeded' | 'Failed';
  /** 0..100 within the step. */
  percent: number;
  startedAt: string;
  endedAt?: string;
  message?: string;
}

export interface OperationRecord {
  id: string;
  kind: OperationKind;
  clusterName: string;
  status: OperationStatus;
  /** 0..100 over the whole operation. */
  percent: number;
  steps: StepRecord[];
  /** Who asked: the caller's identity (its key's name locally), or the product itself for timers and remediation. */
  requestedBy: string;
  /** Why it was started. */
  trigger: OperationTrigger;
  /** Earlier holders whose abandoned lease this operation took over, and why. */
  tookOverFrom?: { operationId: string; reason: string }[];
  /** What an operation that waits (or waited) for an approval proposes, why, and until when it waits. */
  proposal?: { action: string; reason: string; expiresAt: string };
  /** The answer to the proposal: who approved or rejected it, when and why (absent while waiting; `by` is `timeout` when none came). */
  decision?: { approved: boolean; by: string; at: string; reason?: string };
  /** Set when an admin broke this operation's lease by hand. */
  leaseBroken?: { by: string; at: string };
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  error?: ErrorInfo;
}

export interface ClusterRecord {
  name: string;
  state: ClusterState;
  /** The spec as the user sent it (validated). */
  spec: unknown;
  plan: DeploymentPlan;
  /** The operation that last changed the cluster. */
  lastOperationId: string;
  createdAt: string;
  updatedAt: string;
}

export interface NodeRecord {
  clusterName: string;
  name: string;
  dc: string;
  rack: string;
  privateIp: string;
  isSeed: boolean;
  vmName: string;
  state: NodeState;
  updatedAt: string;
}

/** A progress event the orchestrator records through `recordProgress`. */
export interface ProgressUpdate {
  operationId: string;
  step: string;
  status: StepRecord['status'];
  stepPercent: number;
  operationPercent: number;
  at: string;
  message?: string;
}
