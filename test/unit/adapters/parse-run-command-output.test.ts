import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findScriptMarker, parseRunCommandOutput } from '../../../shared/adapters/node-agent/parse-run-command-output.js';

describe('parseRunCommandOutput', () => {
  const cases: [string, { code?: string; message?: string }[] | undefined, { stdout: string; stderr: string }][] = [
    ['the Linux packed message', [{ code: 'ProvisioningState/succeeded', message: 'Enable succeeded: \n[stdout]\nhello\nworld\n\n[stderr]\noops\n' }], { stdout: 'hello\nworld', stderr: 'oops' }],
    ['stdout only', [{ code: 'ProvisioningState/succeeded', message: 'Enable succeeded: \n[stdout]\nok\n' }], { stdout: 'ok', stderr: '' }],
    ['the documented two-status shape', [{ code: 'ComponentStatus/StdOut/succeeded', message: 'out' }, { code: 'ComponentStatus/StdErr/succeeded', message: 'err' }], { stdout: 'out', stderr: 'err' }],
    ['no markers at all', [{ code: 'ProvisioningState/succeeded', message: 'plain' }], { stdout: 'plain', stderr: '' }],
    ['an empty result', undefined, { stdout: '', stderr: '' }],
  ];
  for (const [name, statuses, expected] of cases) {
    it(`splits ${name}`, () => assert.deepEqual(parseRunCommandOutput(statuses), expected));
  }
});

describe('findScriptMarker', () => {
  it('takes the last marker of the named script', () => {
    const out = 'AUTOPILOT-STATUS startCassandra failed early\nnoise\nAUTOPILOT-STATUS startCassandra ok started';
    assert.deepEqual(findScriptMarker(out, 'startCassandra'), { script: 'startCassandra', ok: true, detail: 'started' });
  });
  it('ignores markers of other scripts and reports none when absent', () => {
    assert.equal(findScriptMarker('AUTOPILOT-STATUS stopCassandra ok stopped', 'startCassandra'), undefined);
    assert.equal(findScriptMarker('…truncated output without a marker', 'startCassandra'), undefined);
  });
  it('reads a failure with its reason', () => {
    assert.deepEqual(findScriptMarker('AUTOPILOT-STATUS startCassandra failed systemctl-start', 'startCassandra'),
      { script: 'startCassandra', ok: false, detail: 'systemctl-start' });
  });
});
