import { ACTIVITIES } from '../contracts/names.js';
import type { FinishOperationInput, RepairClusterInput } from '../contracts/activity-io.js';
import type { ErrorInfo } from '../errors/ops-error.js';
import { fail, type Result } from '../errors/result.js';
import { callActivity } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * TEMPORARY stand-in, replaced when the repair run loop merges: registers the name the API
 * starts, and closes each run's operation at once as Failed (releasing the cluster's lease), so a
 * repair started before the merge ends visibly instead of holding the cluster.
 */
export function* repairCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operationId, clusterName } = context.df.getInput<RepairClusterInput>();
  const error: ErrorInfo = { code: 'CASSOPS_INTERNAL', message: 'The repair run loop is not yet merged.' };
  const at = context.df.currentUtcDateTime.toISOString();
  const finish: FinishOperationInput = { operationId, clusterName, status: 'Failed', at, error };
  yield callActivity(context, ACTIVITIES.finishOperation, 'finish', finish);
  return fail(error);
}
