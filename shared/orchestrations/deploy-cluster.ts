import { ACTIVITIES, ORCHESTRATIONS, type OrchestrationName } from '../contracts/names.js';
import type { DeployClusterInput, DeployPhaseInput, OperationRef, SmokeTestInput } from '../contracts/activity-io.js';
import type { Result } from '../errors/result.js';
import { clusterRefOf } from '../domain/deploy/deployment-plan.js';
import { planCqlContact } from '../domain/deploy/plan-cql-contact.js';
import { callActivity, callSub } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { runOperation, type OperationStep } from './kit/run-operation.js';

/**
 * Deploys a planned cluster through the operation lifecycle: network → NICs and VMs beside the
 * peerings (only the joins need them, for cross-DC gossip) → joins → harden → smoke test → Ready.
 * A restore (RestoreCluster) is this deployment with the backup's tokens in the plan and its data
 * loaded after harden, so a restored cluster is hardened like any other.
 * The joins are a parallel first boot when the settings ask for it and every node is initial
 * (see firstBootNodes), else ordered, one node at a time (joinNodes). Every step is a sub-orchestration or activity of idempotent calls, so a re-run
 * with the same plan resumes from what exists. A failure ends the operation with its code and
 * message and the cluster Failed.
 */
export const deployCluster = deployClusterWith(ORCHESTRATIONS.firstBootNodes);

/** Version 4, still registered for deployments started before version 5: its first boot starts every node by Run Command (firstBootNodes_v2). */
export const deployClusterV4 = deployClusterWith(ORCHESTRATIONS.firstBootNodesV2);

/** Versions 2 and 3, still registered for deployments started before version 4: their first boot waits for the seeds to join (firstBootNodes_v1). */
export const deployClusterV3 = deployClusterWith(ORCHESTRATIONS.firstBootNodesV1);

/** The deployment, with the first-boot orchestration its version calls. */
function deployClusterWith(firstBoot: OrchestrationName) {
  return function* deployCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
    const input = context.df.getInput<DeployClusterInput>();
    const operation: OperationRef = { operationId: input.operationId, clusterName: input.plan.clusterName,
      kind: input.restore ? 'RestoreCluster' : 'DeployCluster' };
    const phase: DeployPhaseInput = { operation, plan: input.plan, spec: input.spec, settings: input.settings };
    const smokeTest: SmokeTestInput = { cluster: clusterRefOf(input.plan), replication: input.plan.systemReplication,
      contacts: input.plan.datacenters.map((dc) => planCqlContact(input.plan, dc.name)), probeId: input.operationId };
    const steps: OperationStep[] = [
      { name: 'network', start: () => [callSub(context, ORCHESTRATIONS.provisionNetwork, phase, 'network')] },
      { name: 'nodes', start: () => [callSub(context, ORCHESTRATIONS.provisionNodes, phase, 'nodes'),
        callSub(context, ORCHESTRATIONS.provisionPeerings, phase, 'peerings')] },
      { name: 'join', start: () => [callSub(context, joinsOf(input, firstBoot), phase, 'join')] },
      { name: 'harden', start: () => [callSub(context, ORCHESTRATIONS.hardenCluster, phase, 'harden')] },
      ...(input.restore ? [{ name: 'restore', start: () => [callSub(context, ORCHESTRATIONS.restoreData, { restore: input.restore, operation }, 'restore')] }] : []),
      { name: 'smokeTest', start: () => [callActivity(context, ACTIVITIES.runSmokeTest, 'cql', smokeTest)] },
    ];
    return yield* runOperation(context, operation, steps, { onSuccess: 'Ready', onFailure: 'Failed' });
  };
}

/**
 * Parallel only when asked and when every node boots with the cluster: a node added to a running ring must bootstrap alone.
 * DCs linked by VPN boot in parallel by Run Command (firstBootNodes_v2), once the link is up: their cloud-init starts
 * nothing (startsOnFirstBoot). No instance started before VPN links were deployed holds such a plan, so the versions
 * replay as they were.
 */
function joinsOf(input: DeployClusterInput, firstBoot: OrchestrationName): OrchestrationName {
  const parallel = input.settings.firstBoot === 'parallel' && input.plan.nodes.every((node) => node.initial);
  if (!parallel) return ORCHESTRATIONS.joinNodes;
  return (input.plan.vpnConnections ?? []).length > 0 ? ORCHESTRATIONS.firstBootNodesV2 : firstBoot;
}
