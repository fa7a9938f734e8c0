import type { HealthThresholds } from './health-thresholds.js';

/** Compute's "Update VM" throttle, which Run Command counts against: a bucket of 12, 4 a minute. */
export const VM_WRITE_BUCKET = { size: 12, refillPerMinute: 4 } as const;

export interface DeepProbeInput {
  now: string;
  /** When the deep probe last ran on this cluster; undefined if never. */
  lastDeepProbeAt?: string;
  /** The CQL view (or an alert) found something wrong. */
  troubleSuspected: boolean;
  /** A mutating operation holds the cluster's lease: its own Run Commands would collide (409). */
  operationRunning: boolean;
  /** Times of VM writes (Run Commands, starts, restarts) the product made per VM, newest last. */
  recentVmWrites: Record<string, string[]>;
}

export interface DeepProbeDecision {
  run: boolean;
  reason: 'first-probe' | 'interval-elapsed' | 'trouble-suspected' | 'not-due' | 'too-soon' | 'operation-running' | 'write-budget';
}

/**
 * Decides whether this check runs the deep (Run Command) probe. Invariants: never while a
 * mutating operation runs (one script at a time per VM); never more often than
 * `deepProbeMinIntervalInMs`; never when a VM's estimated throttle bucket would fall below
 * `runCommandReserveTokens` (other operations need them); otherwise when trouble is suspected
 * or `deepProbeIntervalInMs` has passed since the last one.
 */
export function decideDeepProbe(input: DeepProbeInput, thresholds: HealthThresholds): DeepProbeDecision {
  if (input.operationRunning) return { run: false, reason: 'operation-running' };
  const now = Date.parse(input.now);
  const sinceLast = input.lastDeepProbeAt === undefined ? Infinity : now - Date.parse(input.lastDeepProbeAt);
  if (sinceLast < thresholds.deepProbeMinIntervalInMs) return { run: false, reason: 'too-soon' };
  const due = input.troubleSuspected || sinceLast >= thresholds.deepProbeIntervalInMs;
  if (!due) return { run: false, reason: 'not-due' };
  for (const writes of Object.values(input.recentVmWrites)) {
    if (estimateVmWriteTokens(writes, now) - 1 < thresholds.runCommandReserveTokens) return { run: false, reason: 'write-budget' };
  }
  if (input.lastDeepProbeAt === undefined) return { run: true, reason: 'first-probe' };
  return { run: true, reason: input.troubleSuspected ? 'trouble-suspected' : 'interval-elapsed' };
}

/**
 * Replays a token bucket over the given write times (full at the start, continuous refill,
 * one token per write) and returns the tokens left at `now`. An estimate: Azure also counts
 * writes made by others, which is why the decision keeps a reserve.
 */
export function estimateVmWriteTokens(writes: string[], now: number): number {
  const perMs = VM_WRITE_BUCKET.refillPerMinute / 60_000;
  let tokens: number = VM_WRITE_BUCKET.size;
  let at = -Infinity;
  for (const time of [...writes].map(Date.parse).sort((a, b) => a - b)) {
    if (time > now) break;
    tokens = Math.min(VM_WRITE_BUCKET.size, tokens + (time - at) * perMs) - 1;
    at = time;
  }
  return Math.min(VM_WRITE_BUCKET.size, tokens + (now - at) * perMs);
}

/**
 * Adds one write at `now` for each VM probed and forgets writes older than an hour (a full
 * bucket refills in three minutes, so older writes no longer matter).
 */
export function recordVmWrites(previous: Record<string, string[]>, vmNames: string[], now: string): Record<string, string[]> {
  const cutoff = Date.parse(now) - 60 * 60_000;
  const next: Record<string, string[]> = {};
  for (const [vm, times] of Object.entries(previous)) {
    const kept = times.filter((t) => Date.parse(t) >= cutoff);
    if (kept.length > 0) next[vm] = kept;
  }
  for (const vm of vmNames) next[vm] = [...(next[vm] ?? []), now];
  return next;
}
