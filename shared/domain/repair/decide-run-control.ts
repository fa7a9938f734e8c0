import type { RepairDesired, RepairRunRecord } from './repair-model.js';
import { isRunEnded } from './is-run-ended.js';

/** What a user may ask of a running run. */
export const RUN_CONTROLS = ['pause', 'resume', 'cancel'] as const;
export type RunControl = (typeof RUN_CONTROLS)[number];

const DESIRED: Record<RunControl, RepairDesired> = { pause: 'pause', resume: 'run', cancel: 'cancel' };

/**
 * What a pause, resume or cancel does to a run's `desired` (the run loop acts on it at its next
 * round): `set` it, `keep` it (already asked: a repeated request changes nothing), or `refuse`
 * with why. An ended run refuses everything; a cancel is final, so a run being cancelled refuses
 * pause and resume.
 */
export function decideRunControl(run: Pick<RepairRunRecord, 'state' | 'desired'>, control: RunControl):
  { outcome: 'set'; desired: RepairDesired } | { outcome: 'keep' } | { outcome: 'refuse'; reason: string } {
  if (isRunEnded(run.state)) return { outcome: 'refuse', reason: `it has ended (${run.state})` };
  const desired = DESIRED[control];
  if (run.desired === desired) return { outcome: 'keep' };
  if (run.desired === 'cancel') return { outcome: 'refuse', reason: 'it is being cancelled' };
  return { outcome: 'set', desired };
}
