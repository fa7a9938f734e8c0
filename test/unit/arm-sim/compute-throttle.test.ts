import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComputeThrottle } from '../../../local/arm-sim/compute-throttle.js';

test('a VM bucket empties after its maximum and refills at its rate; Retry-After covers the wait', () => {
  const throttle = new ComputeThrottle({ perVm: { max: 3, refillPerMinute: 4 }, perSubscription: { max: 100, refillPerMinute: 100 } });
  const take = (at: number, vm = 'vm1') => throttle.take('UpdateVM', 'sub', 'westeurope', vm, at);
  assert.deepEqual([take(0), take(0), take(0)].map((d) => d.allowed), [true, true, true]);
  const refused = take(0);
  assert.equal(refused.allowed, false);
  assert.equal(refused.retryAfterSeconds, 15, 'one token at 4 per minute takes 15 s');
  assert.equal(refused.remainingHeader, 'Microsoft.Compute/UpdateVMResource;0,Microsoft.Compute/UpdateVMSubscription;97');
  assert.equal(take(0, 'vm2').allowed, true, 'buckets are per VM');
  assert.equal(take(14_000).allowed, false);
  assert.equal(take(15_000).allowed, true);
});

test('the subscription bucket limits all VMs together, and refused requests take no token', () => {
  const throttle = new ComputeThrottle({ perVm: { max: 10, refillPerMinute: 10 }, perSubscription: { max: 2, refillPerMinute: 60 } });
  assert.equal(throttle.take('PutVM', 'sub', 'eu', 'a', 0).allowed, true);
  assert.equal(throttle.take('PutVM', 'sub', 'eu', 'b', 0).allowed, true);
  const refused = throttle.take('PutVM', 'sub', 'eu', 'c', 0);
  assert.equal(refused.allowed, false);
  assert.equal(refused.retryAfterSeconds, 1);
  assert.match(refused.remainingHeader, /PutVMResource;10,/, 'the VM bucket kept its token');
  assert.equal(throttle.take('PutVM', 'sub', 'other-region', 'c', 0).allowed, true, 'subscription buckets are per region');
  assert.equal(throttle.take('DeleteVM', 'sub', 'eu', 'c', 0).allowed, true, 'policies have separate buckets');
});
