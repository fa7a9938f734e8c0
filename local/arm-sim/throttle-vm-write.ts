import { ArmError } from './arm-error.js';
import type { ThrottlePolicy } from './compute-throttle.js';
import type { RouterDeps } from './route-arm-request.js';
import type { ResourceTarget } from './simulator-context.js';

const DELETE_ACTIONS = new Set(['deallocate']);
const UPDATE_ACTIONS = new Set(['start', 'restart', 'poweroff', 'runcommand', 'reapply', 'redeploy']);

/** Which Compute policy a request on a VM (or its run commands) counts against, if any. */
export function vmWritePolicy(method: string, target: ResourceTarget, action: string | undefined, exists: boolean): ThrottlePolicy | undefined {
  if (target.namespace.toLowerCase() !== 'microsoft.compute' || target.types[0]?.toLowerCase() !== 'virtualmachines') return undefined;
  if (target.types.length > 1) return target.types[1]!.toLowerCase() === 'runcommands' && method !== 'GET' ? 'UpdateVM' : undefined;
  if (action) {
    const a = action.toLowerCase();
    return DELETE_ACTIONS.has(a) ? 'DeleteVM' : UPDATE_ACTIONS.has(a) ? 'UpdateVM' : undefined;
  }
  if (method === 'PUT') return exists ? 'UpdateVM' : 'PutVM';
  if (method === 'PATCH') return 'UpdateVM';
  if (method === 'DELETE') return 'DeleteVM';
  return undefined;
}

/**
 * Takes a token for a VM write; throws 429 (OperationNotAllowed / TooManyRequests, with
 * Retry-After) when a bucket is empty. Returns the `x-ms-ratelimit-remaining-resource` header.
 */
export function throttleVmWrite(deps: RouterDeps, method: string, target: ResourceTarget, action: string | undefined): Record<string, string> {
  if (!deps.throttle) return {};
  const vmId = target.id.split('/').slice(0, 9).join('/');
  const vm = deps.ctx.store.get(vmId);
  const policy = vmWritePolicy(method, target, action, target.types.length === 1 ? !!vm : true);
  if (!policy) return {};
  const location = vm?.body.location ?? 'local';
  const decision = deps.throttle.take(policy, target.subscriptionId, location, vmId, Date.now());
  const headers = { 'x-ms-ratelimit-remaining-resource': decision.remainingHeader };
  if (decision.allowed) return headers;
  throw new ArmError('OperationNotAllowed', 'The server rejected the request because too many requests have been received for this subscription.', {
    status: 429,
    details: [{ code: 'TooManyRequests', target: policy, message: JSON.stringify({ operationGroup: policy, startTime: new Date().toISOString(), allowedRequestCount: 0 }) }],
    headers: { ...headers, 'retry-after': String(decision.retryAfterSeconds) },
  });
}
