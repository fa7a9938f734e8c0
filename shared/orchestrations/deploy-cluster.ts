import { ACTIVITIES, ORCHESTRATIONS, type OrchestrationName } from '../contracts/names.js';
import type { DeployClusterInput, DeployPhaseInput, FinishOperationInput } from '../contracts/activity-io.js';
import type { ErrorInfo } from '../errors/ops-error.js';
import type { Result } from '../errors/result.js';
import { callActivity, callSub, errorFromThrown, firstFailure } from './kit/call-activity.js';
import { recordProgress, type ProgressOptions } from './kit/record-progress.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/** One sub-orchestration of a phase, and the suffix of its instance id. */
interface PhasePart { orchestration: OrchestrationName; suffix: string }

/**
 * The phases of a deployment, in order, with the operation percent each one ends at. A phase's
 * parts run in parallel: the peerings need both VNets and only the joins need them (for
 * cross-DC gossip), so they are created beside the NICs and VMs rather than before them.
 */
export const DEPLOY_PHASES: readonly { step: string; parts: readonly PhasePart[]; endPercent: number }[] = [
  { step: 'network', parts: [{ orchestration: ORCHESTRATIONS.provisionNetwork, suffix: 'network' }], endPercent: 25 },
  { step: 'nodes', parts: [{ orchestration: ORCHESTRATIONS.provisionNodes, suffix: 'nodes' },
    { orchestration: ORCHESTRATIONS.provisionPeerings, suffix: 'peerings' }], endPercent: 50 },
  { step: 'join', parts: [{ orchestration: ORCHESTRATIONS.joinNodes, suffix: 'join' }], endPercent: 80 },
  { step: 'harden', parts: [{ orchestration: ORCHESTRATIONS.hardenCluster, suffix: 'harden' }], endPercent: 99 },
];

/**
 * Deploys a planned cluster: network → NICs and VMs beside the peerings → ordered joins →
 * harden and smoke test → Ready. The caller took the cluster's lease; finishOperation releases
 * it whatever the outcome. Every phase is a sub-orchestration of idempotent activities, so a
 * re-run with the same plan resumes from what exists. A failure stops the deployment with its
 * code and message recorded on the operation and the cluster marked Failed.
 */
export function* deployCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<DeployClusterInput>();
  const full: DeployPhaseInput = { operationId: input.operationId, plan: input.plan, settings: input.settings };
  // Only VM creation needs the rendered cloud-init; the other parts get the plan without it,
  // which keeps their inputs (and every activity message they send) small.
  const slim: DeployPhaseInput = { ...full, plan: { ...input.plan, nodes: input.plan.nodes.map((n) => ({ ...n, customData: '' })) } };
  let startPercent = 0;
  let finished: ProgressOptions | undefined;
  for (const phase of DEPLOY_PHASES) {
    // Progress records are written beside the phase's work, not before it: each one is a round
    // trip through the work-item queue that nothing in the phase waits for.
    const records = [...(finished ? [recordProgress(context, finished)] : []),
      recordProgress(context, { operationId: input.operationId, step: phase.step, status: 'Running', stepPercent: 0, operationPercent: startPercent })];
    const parts = phase.parts.map((p) => callSub(context, p.orchestration, p.orchestration === ORCHESTRATIONS.provisionNodes ? full : slim, p.suffix));
    let failure: ErrorInfo | undefined;
    try {
      failure = firstFailure(((yield context.df.Task.all([...records, ...parts])) as Result<void>[]).slice(records.length));
    } catch (error) {
      failure = errorFromThrown(error);
    }
    if (failure) return yield* failDeployment(context, input, phase.step, failure);
    finished = { operationId: input.operationId, step: phase.step === 'harden' ? 'smokeTest' : phase.step,
      status: 'Succeeded', stepPercent: 100, operationPercent: phase.endPercent };
    startPercent = phase.endPercent;
  }
  // The last step is recorded before the operation closes: a client that sees it Succeeded sees every step Succeeded.
  if (finished) yield recordProgress(context, finished);
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
