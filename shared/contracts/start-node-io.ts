import type { DeploySettings } from './activity-io.js';
import type { DeploymentNode, DeploymentPlan } from '../domain/deploy/deployment-plan.js';

/** Input of startNode; its instance id is `operationId`: the node whose VM is powered on, and the plan its rejoin is checked against. */
export interface StartNodeInput {
  operationId: string;
  clusterName: string;
  node: DeploymentNode;
  plan: DeploymentPlan;
  settings: DeploySettings;
}
