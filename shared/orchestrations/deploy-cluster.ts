import { ACTIVITIES, ORCHESTRATIONS, type OrchestrationName } from '../contracts/names.js';
import type { DeployClusterInput, DeployPhaseInput, FinishOperationInput } from '../contracts/activity-io.js';
import type { ErrorInfo } from '../errors/ops-error.js';
import type { Result } from '../errors/result.js';
import { callActivity, callSub, errorFromThrown, recordProgress, type Orchestration, type OrchestrationContextLike } from './orchestration-kit.js';

/** The phases of a deployment, in order, with the operation percent each one ends at. */
export const DEPLOY_PHASES: readonly { step: string; orchestration: OrchestrationName; endPercent: number }[] = [
  { step: 'network', orchestration: ORCHESTRATIONS.provisionNetwork, endPercent: 25 },
  { step: 'nodes', orchestration: ORCHESTRATIONS.provisionNodes, endPercent: 50 },
  { step: 'join', orchestration: ORCHESTRATIONS.joinNodes, endPercent: 80 },
  { step: 'harden', orchestration: ORCHESTRATIONS.hardenCluster, endPercent: 99 },
];

/**
 * Deploys a planned cluster: network → NICs and VMs → ordered joins → harden and smoke test →
 * Ready. The caller took the cluster's lease; finishOperation releases it whatever the outcome.
 * Every phase is a sub-orchestration of idempotent activities, so a re-run with the same plan
 * resumes from what exists. A failure stops the deployment with its code and message recorded
 * on the operation and the cluster marked Failed.
 */
export function* deployCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<DeployClusterInput>();
  const full: DeployPhaseInput = { operationId: input.operationId, plan: input.plan, settings: input.settings };
  // Only VM creation needs the rendered cloud-init; later phases get the plan without it, which
  // keeps their inputs (and every activity message they send) small.
  const slim: DeployPhaseInput = { ...full, plan: { ...input.plan, nodes: input.plan.nodes.map((n) => ({ ...n, customData: '' })) } };
  let startPercent = 0;
  for (const phase of DEPLOY_PHASES) {
    const phaseInput = phase.step === 'network' || phase.step === 'nodes' ? full : slim;
    yield recordProgress(context, { operationId: input.operationId, step: phase.step, status: 'Running', stepPercent: 0, operationPercent: startPercent });
    let result: Result<void>;
    try {
      result = (yield callSub(context, phase.orchestration, phaseInput, phase.step)) as Result<void>;
    } catch (error) {
      result = { ok: false, error: errorFromThrown(error) };
    }
    if (!result.ok) return yield* failDeployment(context, input, phase.step, result.error);
    yield recordProgress(context, { operationId: input.operationId, step: phase.step === 'harden' ? 'smokeTest' : phase.step,
      status: 'Succeeded', stepPercent: 100, operationPercent: phase.endPercent });
    startPercent = phase.endPercent;
  }
  yield callActivity(context, ACTIVITIES.finishOperation, 'bookkeeping', finish(context, input, 'Succeeded'));
  context.df.setCustomStatus({ phase: 'Ready', status: 'Succeeded', percent: 100, lastEvent: 'cluster Ready' });
  return { ok: true, value: undefined };
}

function* failDeployment(context: OrchestrationContextLike, input: DeployClusterInput, step: string, error: ErrorInfo): Orchestration<Result<void>> {
  yield recordProgress(context, { operationId: input.operationId, step, status: 'Failed', stepPercent: 0, operationPercent: 0, message: error.message });
  yield callActivity(context, ACTIVITIES.finishOperation, 'bookkeeping', finish(context, input, 'Failed', error));
  context.df.setCustomStatus({ phase: step, status: 'Failed', lastEvent: error.message });
  return { ok: false, error };
}

function finish(context: OrchestrationContextLike, input: DeployClusterInput, status: 'Succeeded' | 'Failed', error?: ErrorInfo): FinishOperationInput {
  return { operationId: input.operationId, clusterName: input.plan.clusterName, status, clusterState: status === 'Succeeded' ? 'Ready' : 'Failed',
    at: context.df.currentUtcDateTime.toISOString(), ...(error ? { error } : {}) };
}
