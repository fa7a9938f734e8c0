/** The Compute throttling policies the simulator applies (VM writes). */
export type ThrottlePolicy = 'PutVM' | 'UpdateVM' | 'DeleteVM';

/** One token bucket's size and refill rate. */
export interface BucketLimits {
  max: number;
  refillPerMinute: number;
}

/** Bucket limits per VM and per subscription and region; Azure's published values by default. */
export interface ThrottleLimits {
  perVm: BucketLimits;
  perSubscription: BucketLimits;
}

/** Compute's published VM-write limits: 12 tokens refilled 4/min per VM, 1,500 refilled 500/min per subscription and region. */
export const AZURE_VM_WRITE_LIMITS: ThrottleLimits = {
  perVm: { max: 12, refillPerMinute: 4 },
  perSubscription: { max: 1500, refillPerMinute: 500 },
};

interface Bucket { tokens: number; updatedMs: number; limits: BucketLimits }

/** The outcome of asking for a token: the header to send, and how long to wait when refused. */
export interface ThrottleDecision {
  allowed: boolean;
  /** Value of `x-ms-ratelimit-remaining-resource`. */
  remainingHeader: string;
  retryAfterSeconds: number;
}

/**
 * Compute's token buckets for VM writes: a request needs a token from both its VM's bucket and
 * its subscription-and-region bucket of the same policy (Run Command counts as an update).
 */
export class ComputeThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limits: ThrottleLimits = AZURE_VM_WRITE_LIMITS) {}

  /** Takes one token from both buckets, or none if either is empty. */
  take(policy: ThrottlePolicy, subscriptionId: string, location: string, vmId: string, nowMs: number): ThrottleDecision {
    const vm = this.bucket(`${policy}|${vmId.toLowerCase()}`, this.limits.perVm, nowMs);
    const sub = this.bucket(`${policy}|${subscriptionId}|${location.toLowerCase()}`, this.limits.perSubscription, nowMs);
    const allowed = vm.tokens >= 1 && sub.tokens >= 1;
    if (allowed) {
      vm.tokens -= 1;
      sub.tokens -= 1;
    }
    const wait = Math.max(waitInMs(vm), waitInMs(sub));
    return {
      allowed,
      remainingHeader: `Microsoft.Compute/${policy}Resource;${Math.floor(vm.tokens)},Microsoft.Compute/${policy}Subscription;${Math.floor(sub.tokens)}`,
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(wait / 1000)),
    };
  }

  private bucket(key: string, limits: BucketLimits, nowMs: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: limits.max, updatedMs: nowMs, limits };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(limits.max, bucket.tokens + ((nowMs - bucket.updatedMs) / 60_000) * limits.refillPerMinute);
    bucket.updatedMs = nowMs;
    return bucket;
  }
}

function waitInMs(bucket: Bucket): number {
  return bucket.tokens >= 1 ? 0 : ((1 - bucket.tokens) / bucket.limits.refillPerMinute) * 60_000;
}
