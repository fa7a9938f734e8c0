import type { InvocationContext } from '@azure/functions';
import { describeDueRun, type DueRunOutcome } from '../shared/api/start-due-runs.js';
import type { ScheduledKind } from '../shared/domain/schedule/decide-scheduled-run.js';

/** Logs what a schedule timer did, one line per cluster; a skipped run is a warning (the cluster's schedule was missed). */
export function logDueRuns(context: InvocationContext, kind: ScheduledKind, outcomes: readonly DueRunOutcome[]): void {
  for (const o of outcomes) {
    if (o.outcome === 'skipped') context.warn(describeDueRun(kind, o));
    else context.log(describeDueRun(kind, o));
  }
}
