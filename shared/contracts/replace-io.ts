import type { ApprovalRequest } from './approval-io.js';
import type { DeploySettings, ProvisionNodeInput } from './activity-io.js';
import type { DeploymentPlan } from '../domain/deploy/deployment-plan.js';

/**
 * Input of replaceNode; its instance id is `operationId`. `machine` is the dead node's NIC and VM
 * as a deployment creates them, with `replaceAddress` set to its own address; `approval`, when
 * set, is what the operation proposes and waits for before anything changes.
 */
export interface ReplaceNodeInput {
  operationId: string;
  clusterName: string;
  machine: Omit<ProvisionNodeInput, 'operation'>;
  /** The cluster's plan: the new node must see every node of it. */
  plan: DeploymentPlan;
  settings: DeploySettings;
  approval?: ApprovalRequest;
}

/** Whether a node may be replaced: it must be down, and every other node up. */
export interface CheckReplaceInput {
  clusterName: string;
  node: string;
}
