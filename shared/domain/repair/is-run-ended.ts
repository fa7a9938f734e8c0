import type { RepairRunState } from './repair-model.js';

/** States a run never leaves. */
export const ENDED_RUN_STATES: readonly RepairRunState[] = ['Succeeded', 'Failed', 'Cancelled'];

/** True when a run in `state` has ended: it can no longer be paused, resumed or cancelled. */
export function isRunEnded(state: RepairRunState): boolean {
  return ENDED_RUN_STATES.includes(state);
}
