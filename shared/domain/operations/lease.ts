import type { OperationKind } from './operation-kinds.js';

/** One operation holding a cluster's lease. */
export interface LeaseHolder {
  operationId: string;
  /** The orchestration instance that runs it; its runtime status decides whether it still holds. */
  instanceId: string;
  kind: OperationKind;
  requestedBy: string;
  claimedAt: string;
  /** Renewed as the operation advances; a holder whose instance cannot be found holds only until then. */
  expiresAt: string;
}

/** A cluster's lease: the operations holding it now (several only where the admission table allows). */
export interface Lease {
  clusterName: string;
  holders: LeaseHolder[];
}

/**
 * A durable instance's runtime status as the lifecycle needs it. `NotFound` covers an instance
 * never started (the host died between claim and start) and one purged since.
 */
export const INSTANCE_STATES = ['Pending', 'Running', 'Suspended', 'Completed', 'Failed', 'Terminated', 'NotFound'] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];

/** True when an instance in `state` can no longer act on the cluster. */
export function isInstanceEnded(state: InstanceState): boolean {
  return state === 'Completed' || state === 'Failed' || state === 'Terminated';
}
