import type { InstanceState, LeaseHolder } from './lease.js';
import { isInstanceEnded } from './lease.js';
import { mayRunBeside } from './operation-kinds.js';

/** A holder the claim removes, and why (recorded on both operations). */
export interface TakenOver {
  holder: LeaseHolder;
  reason: string;
}

/** What a claim does: hold (already the holder), take (with the holders it keeps and those it takes over), or refuse. */
export type LeaseClaimDecision =
  | { outcome: 'held' }
  | { outcome: 'take'; holders: LeaseHolder[]; takenOver: TakenOver[] }
  | { outcome: 'refuse'; blocker: LeaseHolder };

/**
 * Decides a lease claim. Pure: the caller reads the lease and each holder's instance state and
 * writes the result under the lease's ETag, so two racing claims cannot both take it.
 *
 * Invariants: a holder whose instance is still Pending, Running or Suspended is never removed;
 * a holder whose instance ended (Completed, Failed, Terminated) is always removed; a holder
 * whose instance cannot be found is removed once its lease expired (before that, it may be a
 * claim whose start is in flight). The same operation claiming again is `held`.
 */
export function decideLeaseClaim(holders: readonly LeaseHolder[], states: Readonly<Record<string, InstanceState>>, claim: LeaseHolder,
  now: string): LeaseClaimDecision {
  if (holders.some((h) => h.operationId === claim.operationId)) return { outcome: 'held' };
  const kept: LeaseHolder[] = [];
  const takenOver: TakenOver[] = [];
  for (const holder of holders) {
    const reason = abandonment(holder, states[holder.instanceId] ?? 'NotFound', now);
    if (reason) takenOver.push({ holder, reason });
    else kept.push(holder);
  }
  const blocker = kept.find((h) => !mayRunBeside(h.kind, claim.kind));
  if (blocker) return { outcome: 'refuse', blocker };
  return { outcome: 'take', holders: [...kept, claim], takenOver };
}

function abandonment(holder: LeaseHolder, state: InstanceState, now: string): string | undefined {
  if (isInstanceEnded(state)) return `its orchestration ${holder.instanceId} is ${state} without having released the lease`;
  if (state === 'NotFound' && holder.expiresAt <= now) {
    return `its orchestration ${holder.instanceId} was never started or was purged, and its lease expired at ${holder.expiresAt}`;
  }
  return undefined;
}
