import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { DeployClusterInput, DeployPhaseInput, OperationRef, SmokeTestInput } from '../contracts/activity-io.js';
import type { Result } from '../errors/result.js';
import { callActivity, callSub } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { runOperation, type OperationStep } from './kit/run-operation.js';

/**
 * Deploys a planned cluster through the operation lifecycle: network → NICs and VMs beside the
 * peerings (only the joins need them, for cross-DC gossip) → ordered joins → harden → smoke
 * test → Ready. Every step is a sub-orchestration or activity of idempotent calls, so a re-run
 * with the same plan resumes from what exists. A failure ends the operation with its code and
 * message and the cluster Failed.
 */
export function* deployCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<DeployClusterInput>();
  const operation: OperationRef = { operationId: input.operationId, clusterName: input.plan.clusterName, kind: 'DeployCluster' };
  const full: DeployPhaseInput = { operation, plan: input.plan, settings: input.settings };
  // Only VM creation needs the rendered cloud-init; the other steps get the plan without it,
  // which keeps their inputs (and every activity message they send) small.
  const slim: DeployPhaseInput = { ...full, plan: { ...input.plan, nodes: input.plan.nodes.map((n) => ({ ...n, customData: '' })) } };
  const steps: OperationStep[] = [
    { name: 'network', start: () => [callSub(context, ORCHESTRATIONS.provisionNetwork, slim, 'network')] },
    { name: 'nodes', start: () => [callSub(context, ORCHESTRATIONS.provisionNodes, full, 'nodes'),
      callSub(context, ORCHESTRATIONS.provisionPeerings, slim, 'peerings')] },
    { name: 'join', start: () => [callSub(context, ORCHESTRATIONS.joinNodes, slim, 'join')] },
    { name: 'harden', start: () => [callSub(context, ORCHESTRATIONS.hardenCluster, slim, 'harden')] },
    { name: 'smokeTest', start: () => [callActivity(context, ACTIVITIES.runSmokeTest, 'cql',
      { plan: slim.plan, probeId: input.operationId } satisfies SmokeTestInput)] },
  ];
  return yield* runOperation(context, operation, steps, { onSuccess: 'Ready', onFailure: 'Failed' });
}
