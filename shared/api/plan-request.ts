import { validateClusterSpec } from '../domain/spec/validate-cluster-spec.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import { planTopology, type PlanTopologyOptions } from '../domain/topology/plan-topology.js';
import { toDeploymentPlan } from '../domain/deploy/to-deployment-plan.js';
import type { DeploymentPlan } from '../domain/deploy/deployment-plan.js';
import { OpsError } from '../errors/ops-error.js';
import { hashSpec } from '../domain/spec/hash-spec.js';

/** A validated spec, its plan, and a hash that identifies the request's content. */
export interface PlannedRequest {
  spec: ClusterSpec;
  plan: DeploymentPlan;
  specHash: string;
}

/**
 * Validates and plans a spec (pure apart from hashing): a new cluster's, or with `initialNodes` a
 * running cluster's next one. Errors: CASSOPS_SPEC_INVALID
 * with every issue and its JSON path (including a subscription other than the app's).
 */
export function planRequest(body: unknown, options: { target: 'azure' | 'local'; subscriptionId: string } & PlanTopologyOptions): PlannedRequest {
  const result = validateClusterSpec(body, { target: options.target });
  if (!result.ok) throw new OpsError('CASSOPS_SPEC_INVALID', { message: `The cluster spec has ${result.issues.length} problem(s).`, issues: result.issues });
  const clusterPlan = planTopology(result.spec, options.initialNodes ? { initialNodes: options.initialNodes } : {});
  if (clusterPlan.subscriptionId.toLowerCase() !== options.subscriptionId.toLowerCase()) {
    throw new OpsError('CASSOPS_SPEC_INVALID', { message: 'The cluster spec cannot be deployed by this app.',
      issues: [{ path: '$.azure.subscriptionId', message: `must be the subscription this app manages (${options.subscriptionId})` }] });
  }
  return { spec: result.spec, plan: toDeploymentPlan(clusterPlan), specHash: hashSpec(result.spec) };
}

