import type { OperationRecord, ProgressUpdate, StepRecord } from '../state/state-records.js';

/**
 * Applies one progress update to an operation record. Pure and idempotent: replaying the same
 * update (an activity retried after a crash) leaves the record unchanged, and a Running update
 * never reopens a step that already succeeded or failed.
 */
export function applyProgress(record: OperationRecord, update: ProgressUpdate): OperationRecord {
  const existing = record.steps.find((s) => s.name === update.step);
  // A late duplicate (at-least-once delivery) must not reopen a finished step.
  if (existing && existing.status !== 'Running' && update.status === 'Running') return record;
  const step: StepRecord = {
    name: update.step,
    status: update.status,
    percent: Math.max(0, Math.min(100, Math.round(update.stepPercent))),
    startedAt: existing?.startedAt ?? update.at,
    ...(update.status !== 'Running' ? { endedAt: update.at } : {}),
    ...(update.message ? { message: update.message } : {}),
  };
  const steps = existing ? record.steps.map((s) => (s.name === update.step ? step : s)) : [...record.steps, step];
  return { ...record, steps, percent: Math.max(record.percent, Math.round(update.operationPercent)), updatedAt: update.at };
}
