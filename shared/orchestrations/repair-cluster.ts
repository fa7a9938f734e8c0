import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { OperationRef, ProgressRecorded, RepairClusterInput } from '../contracts/activity-io.js';
import type { AdvanceRepairRunOutput, RepairRunRef } from '../contracts/repair-io.js';
import { fail, ok, type Result } from '../errors/result.js';
import { callActivity, callSub } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { recordProgress } from './kit/record-progress.js';
import { runOperation } from './kit/run-operation.js';

/** The run loop's input: the run and the operation whose progress it records. */
export interface RepairRoundsInput extends RepairRunRef {
  operation: OperationRef;
}

/** Rounds per execution of the run loop before it continues as new, so a run of days keeps a short history. */
export const ROUNDS_PER_GENERATION = 50;

/**
 * A repair run through the operation lifecycle: the cluster must be healthy, the ring is read
 * and cut into segments (stored one row each), the run loop repairs them, and the ledger
 * records every table whose whole range was repaired.
 */
export function* repairCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operationId, clusterName, runId } = context.df.getInput<RepairClusterInput>();
  const run: RepairRunRef = { clusterName, runId };
  const operation: OperationRef = { operationId, clusterName, kind: 'RepairCluster' };
  return yield* runOperation(context, operation, [
    { name: 'check', start: () => [callActivity(context, ACTIVITIES.checkRepairReady, 'cql', run)] },
    { name: 'plan', start: () => [callActivity(context, ACTIVITIES.planRepairRun, 'cql', run)],
      summarize: (results) => `${(results[0] as Result<{ segments: number }>).ok ? (results[0] as { value: { segments: number } }).value.segments : 0} segments` },
    { name: 'repair', start: () => [callSub(context, ORCHESTRATIONS.repairRounds, { ...run, operation } satisfies RepairRoundsInput, 'rounds')] },
    { name: 'ledger', start: () => [callActivity(context, ACTIVITIES.recordRepairLedger, 'cql', run)] },
  ], {});
}

/**
 * The run loop: a round observes the nodes, applies what finished, and starts what the
 * scheduler chooses; the loop records the run's percent on its operation (which also renews the
 * lease) and sleeps until the round says to look again. It continues as new every
 * ROUNDS_PER_GENERATION rounds; a killed host replays to the last round and the round reads the
 * run's segments from Table storage, so nothing finished is repaired again.
 */
export function* repairRounds(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<RepairRoundsInput>();
  for (let round = 0; round < ROUNDS_PER_GENERATION; round++) {
    const now = context.df.currentUtcDateTime;
    const result = (yield callActivity(context, ACTIVITIES.advanceRepairRun, 'cql',
      { clusterName: input.clusterName, runId: input.runId, now: now.toISOString() })) as Result<AdvanceRepairRunOutput>;
    if (!result.ok) return result;
    const { segmentsDone, segmentsTotal, message, finished, nextCheckSeconds } = result.value;
    const recorded = (yield recordProgress(context, input.operation, { step: 'repair', status: 'Running', message,
      stepPercent: segmentsTotal > 0 ? Math.floor((100 * segmentsDone) / segmentsTotal) : 0 })) as ProgressRecorded | undefined;
    if (recorded?.holdsLease === false) {
      return fail({ code: 'CASSOPS_LEASE_LOST', message: `Repair run ${input.runId} no longer holds the lease of cluster ${input.clusterName}.` });
    }
    if (finished) return ok(undefined);
    yield context.df.createTimer(new Date(now.getTime() + nextCheckSeconds * 1000));
  }
  context.df.continueAsNew(input);
  return ok(undefined);
}
