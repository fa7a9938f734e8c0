import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderProbeScript } from '../../../../shared/domain/health/render-probe-script.js';
import { parseProbeOutput } from '../../../../shared/domain/health/parse-probe-output.js';

const AT = '2026-01-01T00:00:00.000Z';

function runScript(script: string): string {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('the probe script reads the data disk with df in a few hundred bytes, whatever the ring size', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probe dir '));
  try {
    const out = runScript(renderProbeScript({ dataDirectory: dir }));
    const probe = parseProbeOutput('node-1', AT, out);
    assert.deepEqual([probe.ok, probe.error], [true, undefined]);
    assert.ok(probe.disk && probe.disk.sizeBytes > 0 && probe.disk.usedPercent > 0);
    assert.ok(out.length < 600, `${out.length} bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a df that fails is reported with its exit code, and the probe still completes', () => {
  const probe = parseProbeOutput('node-1', AT, runScript(renderProbeScript({ dataDirectory: '/no/such/data dir' })));
  assert.equal(probe.ok, true);
  assert.equal(probe.disk, undefined);
  assert.match(probe.error ?? '', /^df: exit [1-9]: .*No such file/);
});

test('output without the end marker, or without the df section, is named in error', () => {
  const cut = parseProbeOutput('n', AT, '### probe df rc=0\nFilesystem 1-blocks Used Available Capacity Mounted on\n');
  assert.equal(cut.ok, false);
  assert.match(cut.error ?? '', /no end marker/);
  assert.match(parseProbeOutput('n', AT, '### probe end\n').error ?? '', /df: missing/);
});
