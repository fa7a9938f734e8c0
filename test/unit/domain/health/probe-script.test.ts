import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderProbeScript } from '../../../../shared/domain/health/render-probe-script.js';
import { parseProbeOutput } from '../../../../shared/domain/health/parse-probe-output.js';
import * as fx from './nodetool-fixtures.js';

const AZURE_OUTPUT_LIMIT = 4096;

/** A stand-in nodetool (this test is about the script's shell, not Cassandra) that prints fixtures. */
function withFakeNodetool(outputs: Record<string, string>, failWith: string | undefined, run: (dir: string, nodetool: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'probe-'));
  try {
    for (const [cmd, text] of Object.entries(outputs)) writeFileSync(join(dir, `${cmd}.out`), text);
    const nodetool = join(dir, 'node tool');
    const body = failWith
      ? `#!/bin/bash\necho "${failWith}" >&2\nexit 1\n`
      : `#!/bin/bash\n# the last argument is the command; earlier ones are -h/-p\ncmd="\${@: -1}"\ncat "$(dirname "$0")/$cmd.out"\n`;
    writeFileSync(nodetool, body);
    chmodSync(nodetool, 0o755);
    run(dir, nodetool);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runScript(script: string): string {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const FIXTURES = { status: fx.STATUS_ONE_DOWN, tpstats: fx.REAL_TPSTATS.replace(/^MUTATION_REQ {22}0/m, 'MUTATION_REQ                      17'), compactionstats: fx.REAL_COMPACTIONSTATS.replace('pending tasks                    0', 'pending tasks                    7'), info: fx.REAL_INFO };

test('the probe script gathers every section in one run and the parser reads them back', () => {
  withFakeNodetool(FIXTURES, undefined, (dir, nodetool) => {
    const out = runScript(renderProbeScript({ nodetool: [nodetool, '-h', '127.0.0.1', '-p', '7299'], dataDirectory: dir }));
    const probe = parseProbeOutput('node-1', '2026-01-01T00:00:00.000Z', out);
    assert.equal(probe.ok, true, probe.error);
    assert.equal(probe.error, undefined);
    assert.equal(probe.status?.length, 3);
    assert.equal(probe.status?.find((r) => r.address === '127.1.0.6')?.status, 'D');
    assert.equal(probe.pendingCompactions, 7);
    assert.equal(probe.droppedMutations, 17);
    assert.equal(probe.info?.nativeTransportActive, true);
    assert.ok(probe.disk && probe.disk.sizeBytes > 0 && probe.disk.usedPercent > 0);
    assert.ok(out.length < AZURE_OUTPUT_LIMIT, `${out.length} bytes`);
  });
});

test('a 200-node ring stays inside the 4 KB output tail: UN rows condense, trouble rows stay whole', () => {
  const rows = Array.from({ length: 200 }, (_, i) =>
    `${i === 7 ? 'DN' : 'UN'}  127.1.${Math.floor(i / 250)}.${(i % 250) + 4}  104.34 KiB  16      1.5%              2c9b7f0e-7f8a-4f9f-9d9f-${String(i).padStart(12, '0')}  rack${i % 3}`);
  const status = `Datacenter: dc1\n===============\nStatus=Up/Down\n|/ State=Normal/Leaving/Joining/Moving\n--  Address  Load  Tokens  Owns (effective)  Host ID  Rack\n${rows.join('\n')}\n`;
  withFakeNodetool({ ...FIXTURES, status }, undefined, (dir, nodetool) => {
    const out = runScript(renderProbeScript({ nodetool: [nodetool], dataDirectory: dir }));
    assert.ok(out.length < AZURE_OUTPUT_LIMIT, `${out.length} bytes`);
    const probe = parseProbeOutput('node-1', '2026-01-01T00:00:00.000Z', out);
    assert.equal(probe.ok, true, probe.error);
    assert.equal(probe.status?.length, 200);
    const down = probe.status?.find((r) => r.status === 'D');
    assert.equal(down?.address, '127.1.0.11');
    assert.equal(down?.rack, 'rack1');
  });
});

test('nodetool failing (JVM gone) is reported per section with its exit code; df still answers', () => {
  withFakeNodetool(FIXTURES, "nodetool: Failed to connect to '127.0.0.1:7199' - ConnectException: 'Connection refused'.", (dir, nodetool) => {
    const out = runScript(renderProbeScript({ nodetool: [nodetool], dataDirectory: dir }));
    const probe = parseProbeOutput('node-1', '2026-01-01T00:00:00.000Z', out);
    assert.equal(probe.ok, true);
    assert.equal(probe.status, undefined);
    assert.equal(probe.info, undefined);
    assert.ok(probe.disk);
    assert.match(probe.error ?? '', /status: exit 1: .*Connection refused/);
  });
});

test('output cut at the head (Azure keeps the last 4,096 bytes) loses only the status section', () => {
  withFakeNodetool(FIXTURES, undefined, (dir, nodetool) => {
    const out = runScript(renderProbeScript({ nodetool: [nodetool], dataDirectory: dir }));
    const cut = out.slice(out.indexOf('### probe tpstats') - 20);
    const probe = parseProbeOutput('node-1', '2026-01-01T00:00:00.000Z', cut);
    assert.equal(probe.status, undefined);
    assert.equal(probe.pendingCompactions, 7);
    assert.match(probe.error ?? '', /status: missing/);
  });
});

test('output without the end marker is not ok', () => {
  const probe = parseProbeOutput('n', '2026-01-01T00:00:00.000Z', '### probe status rc=0\nUN 127.1.0.4\n');
  assert.equal(probe.ok, false);
  assert.match(probe.error ?? '', /no end marker/);
});
