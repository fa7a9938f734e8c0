import { ACTIVITIES } from '../contracts/names.js';
import type { DeleteClusterInput, FinishOperationInput, ResourceGroupInput } from '../contracts/activity-io.js';
import type { Result } from '../errors/result.js';
import { callActivity, errorFromThrown, firstFailure } from './kit/call-activity.js';
import { recordProgress } from './kit/record-progress.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * Deletes a cluster: its resource groups in parallel (each holds only this cluster's resources,
 * so removing them removes everything it owns and nothing else), then its stored secrets, then
 * its records. The caller took the lease; finishOperation releases it.
 */
export function* deleteCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<DeleteClusterInput>();
  const { operationId, clusterName } = input;
  yield recordProgress(context, { operationId, step: 'resources', status: 'Running', stepPercent: 0, operationPercent: 5 });
  let failure;
  try {
    const groups = input.resourceGroups.map((g) => callActivity(context, ACTIVITIES.deleteResourceGroup, 'arm',
      { clusterName, name: g.name, location: g.location } satisfies ResourceGroupInput));
    failure = firstFailure((yield context.df.Task.all(groups)) as Result<void>[]);
    if (!failure) {
      yield recordProgress(context, { operationId, step: 'resources', status: 'Succeeded', stepPercent: 100, operationPercent: 80 });
      const secrets = (yield callActivity(context, ACTIVITIES.deleteClusterSecrets, 'bookkeeping', { clusterName })) as Result<void>;
      failure = secrets.ok ? undefined : secrets.error;
    }
  } catch (error) {
    failure = errorFromThrown(error);
  }
  const at = context.df.currentUtcDateTime.toISOString();
  const finish: FinishOperationInput = failure
    ? { operationId, clusterName, status: 'Failed', clusterState: 'Failed', at, error: failure }
    : { operationId, clusterName, status: 'Succeeded', clusterState: 'Deleted', at };
  if (failure) yield recordProgress(context, { operationId, step: 'resources', status: 'Failed', stepPercent: 0, operationPercent: 0, message: failure.message });
  yield callActivity(context, ACTIVITIES.finishOperation, 'bookkeeping', finish);
  return failure ? { ok: false, error: failure } : { ok: true, value: undefined };
}
