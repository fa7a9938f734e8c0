import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderInstallCassandraScript, renderNodeScript } from '../../../shared/adapters/node-agent/node-scripts.js';
import { STORAGE_PORT } from '../../../shared/domain/render/render-cassandra-yaml.js';

const root = mkdtempSync(join(tmpdir(), 'node-scripts-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Stand-ins on PATH that log their arguments: systemctl (inactive until started) and apt-get/apt-mark. */
function standIns(): string {
  const bin = join(root, 'bin');
  mkdirSync(bin, { recursive: true });
  const log = join(root, 'calls.log');
  for (const tool of ['systemctl', 'apt-get', 'apt-mark']) {
    writeFileSync(join(bin, tool), `#!/usr/bin/env bash\necho "${tool} $*" >> ${log}\n[ "${tool} $1" = "systemctl is-active" ] && exit 3\nexit 0\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  return bin;
}

function run(lines: string[], env: Record<string, string>) {
  const script = lines.join('\n').replaceAll('/usr/sbin/policy-rc.d', join(root, 'policy-rc.d'));
  return spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { PATH: `${standIns()}:${process.env.PATH}`, ...env } });
}
const calls = () => readFileSync(join(root, 'calls.log'), 'utf8').trim().split('\n');

describe('the start and install node scripts', () => {
  it('a start that waits for seeds starts once a seed answers on the storage port, and fails by name when none does', async () => {
    const waiting = renderNodeScript('startCassandra', { waitForSeeds: ['127.254.7.1'] });
    assert.equal(spawnSync('bash', ['-n'], { input: waiting.join('\n') }).status, 0);
    assert.ok(waiting.findIndex((l) => l.includes('seed_answers;')) < waiting.findIndex((l) => l.includes('systemctl enable --now')));
    assert.deepEqual(renderNodeScript('startCassandra'), renderNodeScript('startCassandra', { waitForSeeds: [] }), 'a seed waits for nothing');

    const none = run(waiting, { SEEDS: '127.254.7.1', SEED_WAIT_SECONDS: '2' });
    assert.match(none.stdout, /AUTOPILOT-STATUS startCassandra failed no-seed-answers/);
    assert.equal(calls().some((c) => c.startsWith('systemctl enable')), false, 'not started without a seed');

    const seed = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => seed.listen(STORAGE_PORT, '127.254.7.2', resolve));
    try {
      const started = spawnSync('bash', ['-c', waiting.join('\n')], { encoding: 'utf8',
        env: { PATH: `${standIns()}:${process.env.PATH}`, SEEDS: '127.254.7.1 127.254.7.2', SEED_WAIT_SECONDS: '30' } });
      assert.match(started.stdout, /AUTOPILOT-STATUS startCassandra ok started/);
      assert.ok(calls().includes('systemctl enable --now cassandra'));
    } finally {
      await new Promise((resolve) => seed.close(resolve));
    }
  });

  it('installs the release held, with the configuration kept and starting forbidden while it installs', () => {
    const install = renderInstallCassandraScript();
    assert.equal(spawnSync('bash', ['-n'], { input: install.join('\n') }).status, 0);
    const bad = run(install, { CASSANDRA_RELEASE: '5.0; rm -rf /' });
    assert.match(bad.stdout, /AUTOPILOT-STATUS installCassandra failed bad-release/);
    const done = run(install, { CASSANDRA_RELEASE: '5.0.9' });
    assert.match(done.stdout, /AUTOPILOT-STATUS installCassandra ok 5\.0\.9/);
    const log = calls();
    assert.ok(log.includes('apt-get install -y -q --allow-change-held-packages -o Dpkg::Options::=--force-confold cassandra=5.0.9'));
    assert.ok(log.indexOf('apt-mark hold cassandra') > log.findIndex((c) => c.startsWith('apt-get install')));
    assert.throws(() => readFileSync(join(root, 'policy-rc.d')), /ENOENT/, 'the start ban is lifted when the script ends');
  });
});
