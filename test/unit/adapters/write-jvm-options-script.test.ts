import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderWriteJvmOptionsScript } from '../../../shared/adapters/node-agent/node-scripts.js';

/** Runs the script with its VM paths moved under `root`, as the local guests map them. */
function run(root: string, b64: string) {
  const script = renderWriteJvmOptionsScript().join('\n').replaceAll('/var/lib/cassandra-autopilot', `${root}/var/lib/cassandra-autopilot`)
    .replaceAll('/etc/default/cassandra', `${root}/etc/default/cassandra`);
  return spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH, JVM_OPTIONS_B64: b64 } });
}

describe('the writeJvmOptions node script', () => {
  it('parses, writes the decoded settings file whole, and says so in its marker', () => {
    assert.equal(spawnSync('bash', ['-n'], { input: renderWriteJvmOptionsScript().join('\n'), encoding: 'utf8' }).status, 0);
    const root = mkdtempSync(join(tmpdir(), 'jvm-options-'));
    try {
      mkdirSync(join(root, 'etc/default'), { recursive: true });
      const content = 'export MAX_HEAP_SIZE=320M\nexport HEAP_NEWSIZE=80M\n';
      const r = run(root, Buffer.from(content).toString('base64'));
      assert.match(r.stdout, /AUTOPILOT-STATUS writeJvmOptions ok written/);
      assert.equal(readFileSync(join(root, 'etc/default/cassandra'), 'utf8'), content);
      const bad = run(root, '%%% not base64 %%%');
      assert.match(bad.stdout, /AUTOPILOT-STATUS writeJvmOptions failed decode/);
      assert.equal(readFileSync(join(root, 'etc/default/cassandra'), 'utf8'), content, 'a failed write leaves the file as it was');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
