import type { Task } from 'durable-functions';
import { ACTIVITIES } from '../../contracts/names.js';
import type { OperationRef, RecordProgressInput } from '../../contracts/activity-io.js';
import type { StepRecord } from '../../domain/state/state-records.js';
import { operationPercent } from '../../domain/operations/operation-steps.js';
import { callActivity } from './call-activity.js';
import type { OrchestrationContextLike } from './orchestration-context.js';

/** One step's progress as an orchestration reports it; the operation's percent comes from the kind's step table. */
export interface ProgressOptions {
  step: string;
  status: StepRecord['status'];
  stepPercent: number;
  message?: string;
  node?: RecordProgressInput['node'];
}

/**
 * Records a step's progress on the operation (which also renews its lease) and mirrors it in
 * customStatus. The activity never throws, so a progress write that fails cannot fail the
 * operation it describes.
 */
export function recordProgress(context: OrchestrationContextLike, operation: OperationRef, o: ProgressOptions): Task {
  const percent = o.status === 'Failed' ? 0 : operationPercent(operation.kind, o.step, o.stepPercent);
  context.df.setCustomStatus({ phase: o.step, status: o.status, percent, lastEvent: o.message ?? o.status });
  const input: RecordProgressInput = { operationId: operation.operationId, clusterName: operation.clusterName, step: o.step, status: o.status,
    stepPercent: o.stepPercent, operationPercent: percent, at: context.df.currentUtcDateTime.toISOString(),
    ...(o.message ? { message: o.message } : {}), ...(o.node ? { node: o.node } : {}) };
  return callActivity(context, ACTIVITIES.recordProgress, 'bookkeeping', input);
}
