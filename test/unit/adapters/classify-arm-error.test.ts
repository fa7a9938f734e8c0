import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyArmError } from '../../../shared/adapters/arm/classify-arm-error.js';

const rest = (statusCode: number, code: string, message = 'm') => Object.assign(new Error(message), { name: 'RestError', statusCode, code });

describe('classifyArmError', () => {
  const transient: [string, unknown, string][] = [
    ['429', rest(429, 'TooManyRequests'), 'CASSOPS_ARM_THROTTLED'],
    ['500', rest(500, 'InternalServerError'), 'CASSOPS_ARM_TRANSIENT'],
    ['503', rest(503, 'ServiceUnavailable'), 'CASSOPS_ARM_TRANSIENT'],
    ['a concurrent-operation 409', rest(409, 'Conflict'), 'CASSOPS_ARM_TRANSIENT'],
    ['a referenced resource still updating', rest(400, 'ReferencedResourceNotProvisioned'), 'CASSOPS_ARM_TRANSIENT'],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'CASSOPS_ARM_TRANSIENT'],
    ['an LRO failed with an internal error', new Error('The long-running operation has failed. InternalExecutionError. boom'), 'CASSOPS_ARM_TRANSIENT'],
  ];
  for (const [name, error, code] of transient) {
    it(`throws ${name} as retryable ${code}`, () => {
      const sorted = classifyArmError(error, 'VM x');
      assert.ok('transient' in sorted);
      assert.equal(sorted.transient.code, code);
      assert.equal(sorted.transient.retryable, true);
    });
  }
  const permanent: [string, unknown, string, RegExp][] = [
    ['AllocationFailed from a failed LRO', new Error('The long-running operation has failed. AllocationFailed. No capacity.'), 'AllocationFailed', /^VM x: AllocationFailed: No capacity\.$/],
    ['a quota error', rest(409, 'OperationNotAllowed', 'Quota exceeded'), 'OperationNotAllowed', /Quota exceeded/],
    ['SkuNotAvailable', rest(409, 'SkuNotAvailable', 'not here'), 'SkuNotAvailable', /SkuNotAvailable/],
    ['an invalid parameter', rest(400, 'InvalidParameter', 'bad'), 'InvalidParameter', /bad/],
  ];
  for (const [name, error, azureCode, message] of permanent) {
    it(`returns ${name} as a permanent failure with Azure's code`, () => {
      const sorted = classifyArmError(error, 'VM x');
      assert.ok('permanent' in sorted);
      assert.equal(sorted.permanent.code, 'CASSOPS_ARM_FAILED');
      assert.equal(sorted.permanent.azureCode, azureCode);
      assert.match(sorted.permanent.message, message);
    });
  }
});
