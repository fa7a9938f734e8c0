import type { Task } from 'durable-functions';
import { ACTIVITIES } from '../../contracts/names.js';
import type { RecordProgressInput } from '../../contracts/activity-io.js';
import type { StepRecord } from '../../contracts/state-records.js';
import { callActivity } from './call-activity.js';
import type { OrchestrationContextLike } from './orchestration-context.js';

/** One step's progress as an orchestration reports it. */
export interface ProgressOptions {
  operationId: string;
  step: string;
  status: StepRecord['status'];
  stepPercent: number;
  operationPercent: number;
  message?: string;
  node?: RecordProgressInput['node'];
}

/** Records a step's progress on the operation and mirrors it in customStatus. */
export function recordProgress(context: OrchestrationContextLike, o: ProgressOptions): Task {
  context.df.setCustomStatus({ phase: o.step, status: o.status, percent: o.operationPercent, lastEvent: o.message ?? o.status });
  const input: RecordProgressInput = { ...o, at: context.df.currentUtcDateTime.toISOString() };
  return callActivity(context, ACTIVITIES.recordProgress, 'bookkeeping', input);
}
