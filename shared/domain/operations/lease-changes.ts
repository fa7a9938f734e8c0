import type { Lease } from './lease.js';

/**
 * Extends `operationId`'s hold to `expiresAt`. Undefined (nothing to write) when it holds no
 * longer (its lease was broken or taken over: renewing must never bring it back) or already
 * holds at least that long.
 */
export function renewHolder(lease: Lease, operationId: string, expiresAt: string): Lease | undefined {
  const holder = lease.holders.find((h) => h.operationId === operationId);
  if (!holder || holder.expiresAt >= expiresAt) return undefined;
  return { ...lease, holders: lease.holders.map((h) => (h === holder ? { ...h, expiresAt } : h)) };
}

/** Removes `operationId`'s hold; undefined when it holds none (a loser never touches the winner's lease). */
export function releaseHolder(lease: Lease, operationId: string): Lease | undefined {
  if (!lease.holders.some((h) => h.operationId === operationId)) return undefined;
  return { ...lease, holders: lease.holders.filter((h) => h.operationId !== operationId) };
}
