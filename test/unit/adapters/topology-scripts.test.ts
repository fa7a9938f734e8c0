import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderNodeJobScript } from '../../../shared/adapters/node-agent/backup-scripts.js';
import { findScriptMarker } from '../../../shared/adapters/node-agent/parse-run-command-output.js';
import {
  DECOMMISSIONED_MARKER, renderCleanupNodeScript, renderRebuildNodeScript, renderDecommissionNodeScript,
} from '../../../shared/adapters/node-agent/topology-scripts.js';

// Stand-ins for the node, driven by files in $NODE: `running` (Cassandra is up), `mode` (what
// netstats says), `streaming-reads` (how many more `nodetool info` reads say Decommissioning: true
// before `mode-after` becomes the mode), `<command>.fails` (nodetool's output when it fails) and
// `decommission.answers` (what it prints when it returns 0 without leaving). Each logs its calls.
const STAND_INS = {
  nodetool: `echo "$*" >> "$NODE/nodetool.log"
[ -f "$NODE/running" ] || { echo "nodetool: Failed to connect to '127.0.0.1:7199' - ConnectException: 'Connection refused'."; exit 1; }
case $1 in
  netstats) printf 'Mode: %s\\nNot sending any streams.\\n' "$(cat "$NODE/mode")" ;;
  info)
    n=$(cat "$NODE/streaming-reads" 2>/dev/null || echo 0); d=false
    if [ "$n" -gt 0 ]; then echo $((n - 1)) > "$NODE/streaming-reads"; d=true; elif [ -f "$NODE/mode-after" ]; then mv "$NODE/mode-after" "$NODE/mode"; fi
    printf 'ID                     : x\\nDecommissioning        : %s\\nDecommission failed    : false\\n' "$d" ;;
  cleanup|decommission)
    if [ -f "$NODE/$1.fails" ]; then cat "$NODE/$1.fails"; exit 2; fi
    if [ "$1" = decommission ]; then
      if [ -f "$NODE/decommission.answers" ]; then cat "$NODE/decommission.answers"; else echo DECOMMISSIONED > "$NODE/mode"; fi
    fi ;;
esac
exit 0`,
  systemctl: `echo "$*" >> "$NODE/systemctl.log"
case "$*" in
  "is-active --quiet cassandra") [ -f "$NODE/running" ] ;;
  "disable --now cassandra") rm -f "$NODE/running" ;;
  *) echo "unexpected: $*" >&2; exit 1 ;;
esac`,
  sleep: 'echo "$*" >> "$NODE/sleep.log"',
};

const root = mkdtempSync(join(tmpdir(), 'topology-scripts-'));
const bin = join(root, 'bin');
mkdirSync(bin);
for (const [name, body] of Object.entries(STAND_INS)) {
  writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
}
after(() => rmSync(root, { recursive: true, force: true }));

let nodes = 0;
/** A node directory in the given state: Cassandra up unless `running` is false, netstats saying `mode`. */
function node(files: Record<string, string>, running = true): string {
  const dir = join(root, `node-${nodes++}`);
  mkdirSync(dir);
  if (running) writeFileSync(join(dir, 'running'), '');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const markerOf = (dir: string) => join(dir, 'state', 'decommissioned');
const calls = (dir: string, log: string) => (existsSync(join(dir, log)) ? readFileSync(join(dir, log), 'utf8').split('\n').filter(Boolean) : []);

/** Runs the script on the node and returns its marker, stderr, and the calls the stand-ins saw. */
function run(lines: string[], script: string, dir: string, env: Record<string, string> = {}) {
  // stdin from /dev/null: on a socket (Node's pipes) bash takes itself for a remote shell and reads ~/.bashrc.
  const r = spawnSync('bash', ['-c', lines.join('\n')], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, NODE: dir, ...env } });
  const marker = findScriptMarker(r.stdout, script);
  assert.ok(marker, `${script} printed no marker: ${r.stdout} ${r.stderr}`);
  assert.equal(r.status, marker.ok ? 0 : 1, 'the exit code agrees with the marker');
  return { outcome: `${marker.ok ? 'ok' : 'failed'} ${marker.detail}`, stderr: r.stderr,
    nodetool: calls(dir, 'nodetool.log'), systemctl: calls(dir, 'systemctl.log'), sleeps: calls(dir, 'sleep.log').length };
}

const decommission = (dir: string) => run(renderDecommissionNodeScript(markerOf(dir)), 'decommissionNode', dir);
const ONE_NODE_REFUSAL = 'nodetool: Unsupported operation: no other normal nodes in the ring; decommission would be pointless\n'
  + 'See \'nodetool help\' or \'nodetool help <command>\'.\n';

describe('topology scripts', () => {
  it('render as bash that parses, end with their marker, and are what renderNodeJobScript sends', () => {
    for (const [script, lines] of [['cleanupNode', renderCleanupNodeScript()], ['decommissionNode', renderDecommissionNodeScript()]] as const) {
      const parsed = spawnSync('bash', ['-n'], { input: lines.join('\n'), encoding: 'utf8' });
      assert.equal(parsed.status, 0, `${script}: ${parsed.stderr}`);
      assert.deepEqual(renderNodeJobScript(script), lines);
      assert.doesNotMatch(lines.join('\n'), /\bSAS\b/, `${script} takes no credential`);
    }
    assert.ok(renderCleanupNodeScript().includes('out=$(nodetool cleanup -j 1 2>&1) || nodetool_failed cleanup "$out"'));
    const text = renderDecommissionNodeScript().join('\n');
    assert.match(text, /nodetool decommission 2>&1/);
    assert.equal(text.match(/--force/g)?.length, 1, 'forced only behind FORCE=yes');
    assert.match(text, /if \[ "\$\{FORCE:-\}" = yes \]; then out=\$\(nodetool decommission --force 2>&1\); else out=\$\(nodetool decommission 2>&1\); fi/,
      'forced past RF only for a leaving datacenter: the product refuses any other such scale-in before');
    assert.match(text, new RegExp(`marker="${DECOMMISSIONED_MARKER}"`));
  });

  it('rebuilds from the named datacenter, and refuses a source that is not a datacenter name before running nodetool', () => {
    assert.equal(spawnSync('bash', ['-n'], { input: renderRebuildNodeScript().join('\n'), encoding: 'utf8' }).status, 0);
    assert.deepEqual(renderNodeJobScript('rebuildNode'), renderRebuildNodeScript());
    const up = node({});
    const rebuilt = run(renderRebuildNodeScript(), 'rebuildNode', up, { SOURCE_DC: 'dc1' });
    assert.deepEqual([rebuilt.outcome, rebuilt.nodetool], ['ok rebuilt from dc1', ['rebuild -- dc1']]);
    const bad = node({});
    const refused = run(renderRebuildNodeScript(), 'rebuildNode', bad, { SOURCE_DC: 'dc1; rm -rf /' });
    assert.deepEqual([refused.outcome, refused.nodetool], ['failed bad-source-dc', []]);
  });

  it('cleans up with one compaction thread, and names nodetool\'s reason when it fails', () => {
    const up = node({});
    assert.deepEqual(run(renderCleanupNodeScript(), 'cleanupNode', up), { outcome: 'ok cleaned', stderr: '', nodetool: ['cleanup -j 1'],
      systemctl: [], sleeps: 0 });
    const down = run(renderCleanupNodeScript(), 'cleanupNode', node({}, false));
    assert.equal(down.outcome, 'failed cleanup Failed to connect to \'127.0.0.1:7199\' - ConnectException: \'Connection refused\'.');
    assert.match(down.stderr, /Failed to connect/);
  });

  it('decommissions a NORMAL node once, records it, then stops and disables Cassandra; a re-run asks nothing again', () => {
    const dir = node({ mode: 'NORMAL' });
    assert.deepEqual(decommission(dir), { outcome: 'ok decommissioned', stderr: '', nodetool: ['netstats', 'decommission', 'info', 'netstats'],
      systemctl: ['is-active --quiet cassandra', 'disable --now cassandra'], sleeps: 0 });
    assert.ok(existsSync(markerOf(dir)), 'the marker, written before the stop');
    assert.ok(!existsSync(join(dir, 'running')));
    const again = decommission(dir);
    assert.equal(again.outcome, 'ok already-decommissioned');
    assert.deepEqual(again.nodetool, ['netstats', 'decommission', 'info', 'netstats'], 'no nodetool run on the stopped node');
  });

  it('reads a node that left but was not stopped as already decommissioned, and stops it', () => {
    const dir = node({ mode: 'DECOMMISSIONED' });
    assert.deepEqual(decommission(dir), { outcome: 'ok already-decommissioned', stderr: '', nodetool: ['netstats'],
      systemctl: ['is-active --quiet cassandra', 'disable --now cassandra'], sleeps: 0 });
  });

  it('waits for a decommission an earlier start left streaming instead of asking for a second', () => {
    const dir = node({ mode: 'LEAVING', 'streaming-reads': '2', 'mode-after': 'DECOMMISSIONED' });
    assert.deepEqual(decommission(dir), { outcome: 'ok decommissioned', stderr: '', nodetool: ['netstats', 'info', 'info', 'info', 'netstats'],
      systemctl: ['is-active --quiet cassandra', 'disable --now cassandra'], sleeps: 2 });
  });

  it('asks again on a LEAVING node whose decommission no longer runs (it failed): Cassandra resumes it', () => {
    const dir = node({ mode: 'LEAVING' });
    const result = decommission(dir);
    assert.deepEqual([result.outcome, result.nodetool],
      ['ok decommissioned', ['netstats', 'info', 'netstats', 'decommission', 'info', 'netstats']]);
  });

  it('fails on a stopped node that never left, rather than take a down node for a retired one', () => {
    const dir = node({ mode: 'NORMAL' }, false);
    assert.deepEqual(decommission(dir), { outcome: 'failed not-running', stderr: '', nodetool: [], systemctl: ['is-active --quiet cassandra'], sleeps: 0 });
    assert.ok(!existsSync(markerOf(dir)));
  });

  it('fails with nodetool\'s reason, keeps Cassandra running and leaves no marker when Cassandra refuses', () => {
    const cases: [string, string][] = [
      [ONE_NODE_REFUSAL, 'decommission Unsupported operation: no other normal nodes in the ring; decommission would be pointless'],
      ['error: Error while decommissioning node: Stream failed\n-- StackTrace --\njava.lang.RuntimeException: Stream failed\n\tat org.apache.X\n',
        'decommission Error while decommissioning node: Stream failed'],
      ['one\ntwo\n\nthree\nfour\n', 'decommission two three four'],
    ];
    for (const [output, detail] of cases) {
      const dir = node({ mode: 'NORMAL', 'decommission.fails': output });
      const result = decommission(dir);
      assert.equal(result.outcome, `failed ${detail}`);
      assert.equal(result.stderr, output.replace(/\n$/, '').split('\n').slice(-20).join('\n') + '\n', 'nodetool\'s last lines on stderr');
      assert.deepEqual(result.systemctl, ['is-active --quiet cassandra']);
      assert.ok(existsSync(join(dir, 'running')) && !existsSync(markerOf(dir)));
    }
  });

  it('waits for a decommission that started between its read and its ask (nodetool says "still decommissioning", exit 0)', () => {
    const dir = node({ mode: 'NORMAL', 'decommission.answers': 'This node is still decommissioning.\n', 'streaming-reads': '1',
      'mode-after': 'DECOMMISSIONED' });
    const result = decommission(dir);
    assert.deepEqual([result.outcome, result.nodetool, result.sleeps], ['ok decommissioned', ['netstats', 'decommission', 'info', 'info', 'netstats'], 1]);
  });

  it('does not take nodetool\'s exit 0 for success: the node must be DECOMMISSIONED after it', () => {
    const dir = node({ mode: 'NORMAL', 'decommission.answers': 'Decommission skipped.\n' });
    const result = decommission(dir);
    assert.equal(result.outcome, 'failed decommission mode=NORMAL Decommission skipped.');
    assert.ok(existsSync(join(dir, 'running')) && !existsSync(markerOf(dir)));
  });
});
