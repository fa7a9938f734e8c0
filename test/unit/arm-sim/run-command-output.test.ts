import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packRunCommandResult, tailBytes } from '../../../local/arm-sim/providers/run-command-output.js';

test('tailBytes keeps the last bytes and never splits a UTF-8 character', () => {
  assert.equal(tailBytes('short'), 'short');
  assert.equal(tailBytes('abcdef', 3), 'def');
  assert.equal(tailBytes('xé', 1), '', 'the second byte of é alone is not a character');
  assert.equal(tailBytes('aéb', 3), 'éb');
});

test('the action result packs both streams into one status message the way the Linux agent does', () => {
  assert.deepEqual(packRunCommandResult({ stdout: 'out\n', stderr: '', exitCode: 0 }), {
    value: [{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', message: 'Enable succeeded: \n[stdout]\nout\n\n[stderr]\n' }],
  });
  const failed = packRunCommandResult({ stdout: '', stderr: 'no\n', exitCode: 2 }).value[0]!;
  assert.equal(failed.message, 'Enable failed: failed to execute command: command terminated with exit status=2\n[stdout]\n\n[stderr]\nno\n');
  assert.equal(failed.code, 'ProvisioningState/failed');
  const big = packRunCommandResult({ stdout: 'x'.repeat(5000), stderr: 'y'.repeat(5000), exitCode: 0 }).value[0]!.message!;
  assert.equal(big, `Enable succeeded: \n[stdout]\n${'x'.repeat(4096)}\n[stderr]\n${'y'.repeat(4096)}`);
});
