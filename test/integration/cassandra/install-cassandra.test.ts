import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASSANDRA_VERSION, PREVIOUS_CASSANDRA_VERSION } from '../../../local/cassandra/cassandra-home.js';

const installer = join(process.cwd(), 'dist', 'local', 'cassandra', 'install-cassandra.js');
const cache = mkdtempSync(join(tmpdir(), 'cassandra-cache-'));
after(() => rmSync(cache, { recursive: true, force: true }));

function install(env: NodeJS.ProcessEnv) {
  const { CASSANDRA_HOME: _ignored, ...base } = process.env;
  return spawnSync(process.execPath, [installer, '--if-missing'], { env: { ...base, ...env }, encoding: 'utf8' });
}

test('installs the pinned release (and the one before it, for upgrades) with Maven, laid out like the binary distribution, and reuses them', () => {
  const first = install({ CASSANDRA_AUTOPILOT_CACHE: cache });
  assert.equal(first.status, 0, first.stderr);
  const home = first.stdout.trim().split('\n').at(-1)!;
  assert.equal(home, join(cache, `apache-cassandra-${CASSANDRA_VERSION}`));
  for (const tool of ['bin/cassandra', 'bin/nodetool']) accessSync(join(home, tool), constants.X_OK);
  for (const file of ['logback.xml', 'jvm-server.options', 'jvm17-server.options', 'hotspot_compiler']) {
    assert.ok(statSync(join(home, 'conf', file)).size > 0, file);
  }
  const jars = readdirSync(join(home, 'lib'));
  for (const jar of [`cassandra-all-${CASSANDRA_VERSION}.jar`, 'jamm-0.4.0.jar', 'logback-classic-1.5.18.jar']) assert.ok(jars.includes(jar), jar);
  assert.equal(jars.some((j) => j.includes('windows')), false);
  // The launcher's Java 17 command line really runs Cassandra's code.
  assert.equal(execFileSync(join(home, 'bin/cassandra'), ['-v'], { encoding: 'utf8' }).trim(), CASSANDRA_VERSION);

  const previous = join(cache, `apache-cassandra-${PREVIOUS_CASSANDRA_VERSION}`);
  assert.equal(execFileSync(join(previous, 'bin/cassandra'), ['-v'], { encoding: 'utf8' }).trim(), PREVIOUS_CASSANDRA_VERSION);

  const marker = statSync(join(home, '.installed-version')).mtimeMs;
  const second = install({ CASSANDRA_AUTOPILOT_CACHE: cache });
  assert.equal(second.status, 0, second.stderr);
  assert.equal(second.stdout.trim().split('\n').at(-1), home);
  assert.equal(second.stderr.includes('fetching'), false, 'a cached install is not fetched again');
  assert.equal(statSync(join(home, '.installed-version')).mtimeMs, marker);
});

test('CASSANDRA_HOME pointing at a Cassandra layout is used as is; anything else is refused by name', () => {
  const home = join(cache, 'tarball');
  for (const p of ['bin', 'conf', 'lib']) mkdirSync(join(home, p), { recursive: true });
  for (const tool of ['cassandra', 'nodetool']) execFileSync('touch', [join(home, 'bin', tool)]);
  const ok = install({ CASSANDRA_HOME: home, CASSANDRA_AUTOPILOT_CACHE: join(cache, 'unused') });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), home);
  assert.equal(existsSync(join(cache, 'unused')), false);
  const bad = install({ CASSANDRA_HOME: join(cache, 'nowhere') });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /CASSANDRA_HOME=.*nowhere is not a Cassandra install/);
});
