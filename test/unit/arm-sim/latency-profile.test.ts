import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLatencyProfile } from '../../../local/arm-sim/latency-profile.js';

test('the instant profile takes no time and sends no poll hints', () => {
  const instant = createLatencyProfile('instant');
  assert.equal(instant.delayFor('vmCreate'), 0);
  assert.equal(instant.pollRetryAfterSeconds(60_000), 0);
  assert.ok(instant.pollHoldInMs > 0);
});

test('the realistic profile scales observed timings with jitter and hints polls only beyond a second', () => {
  const real = createLatencyProfile('realistic', 0.5);
  for (let i = 0; i < 20; i++) {
    const vm = real.delayFor('vmCreate');
    assert.ok(vm >= 65_000 * 0.5 * 0.9 && vm <= 65_000 * 0.5 * 1.1, `vm create ${vm} ms`);
    assert.ok(real.delayFor('runCommand') >= 20_000 * 0.5 * 0.9);
  }
  assert.equal(real.pollRetryAfterSeconds(0), 0);
  assert.equal(real.pollRetryAfterSeconds(500), 1, 'a hint on every in-progress poll: the SDK would keep a stale longer one');
  assert.equal(real.pollRetryAfterSeconds(3_500), 4);
  assert.equal(real.pollRetryAfterSeconds(120_000), 10);
  assert.throws(() => createLatencyProfile('realistic', -1), /latencyScale/);
});
