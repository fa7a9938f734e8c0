import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliIo } from '../../../shared/cli/cli-io.js';
import { runCli } from '../../../shared/cli/main.js';
import { azureSpec, localSpec } from '../domain/spec-fixtures.js';

/** An in-memory stand-in for the process: files by name, captured output. */
function fakeIo(files: Record<string, string>, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => { out.push(text); },
    stderr: (text) => { err.push(text); },
    env,
    readText: async (path) => {
      if (!(path in files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return files[path]!;
    },
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const invalid = JSON.stringify({ ...localSpec(), clustr: {} });

describe('autopilot validate', () => {
  const cases: { name: string; argv: string[]; env?: Record<string, string>; code: number; out?: RegExp; err?: RegExp }[] = [
    { name: 'a valid local spec (target inferred)', argv: ['validate', 'local.json'], code: 0, out: /local\.json: valid for local: cluster demo, 2 datacenter\(s\), 6 node\(s\)/ },
    { name: 'a valid Azure spec (target inferred)', argv: ['validate', 'azure.json'], code: 0, out: /valid for azure/ },
    { name: 'an unknown field', argv: ['validate', 'invalid.json'], code: 2, out: /1 problem .*\n {2}\$\.clustr +unknown field "clustr"/ },
    { name: 'a local spec checked for Azure', argv: ['validate', 'local.json', '--target', 'azure'], code: 2, out: /\$\.datacenters\[0\]\.network\.addressSpace +127\.1\.0\.0\/16 is loopback/ },
    { name: 'the target from AUTOPILOT_TARGET', argv: ['validate', 'azure.json'], env: { AUTOPILOT_TARGET: 'local' }, code: 2, out: /not loopback/ },
    { name: 'bad JSON', argv: ['validate', 'broken.json'], code: 2, out: /\$ +not valid JSON/ },
    { name: 'a missing file', argv: ['validate', 'missing.json'], code: 1, out: /cannot read the spec file: ENOENT/ },
    { name: 'a bad --target', argv: ['validate', 'local.json', '-t', 'mars'], code: 1, out: /--target +must be "azure" or "local", not "mars"/ },
    { name: 'an unknown command', argv: ['frobnicate'], code: 1, err: /unknown command 'frobnicate'/ },
    { name: 'a missing argument', argv: ['validate'], code: 1, err: /missing required argument 'spec'/ },
  ];
  for (const c of cases) {
    it(`handles ${c.name}`, async () => {
      const files = { 'local.json': JSON.stringify(localSpec()), 'azure.json': JSON.stringify(azureSpec()), 'invalid.json': invalid, 'broken.json': '{"cluster": ' };
      const { io, out, err } = fakeIo(files, c.env);
      assert.equal(await runCli(c.argv, io), c.code, out() + err());
      if (c.out) assert.match(out(), c.out);
      if (c.err) assert.match(err(), c.err);
    });
  }

  it('prints JSON with --json', async () => {
    const { io, out } = fakeIo({ 'invalid.json': invalid });
    assert.equal(await runCli(['validate', 'invalid.json', '--json'], io), 2);
    const result = JSON.parse(out()) as { valid: boolean; issues: { path: string }[] };
    assert.equal(result.valid, false);
    assert.deepEqual(result.issues.map((issue) => issue.path), ['$.clustr']);
  });
});

describe('autopilot plan', () => {
  it('prints the plan as JSON on stdout', async () => {
    const { io, out } = fakeIo({ 'local.json': JSON.stringify(localSpec()) });
    assert.equal(await runCli(['plan', 'local.json'], io), 0);
    const plan = JSON.parse(out()) as { clusterName: string; joinOrder: string[] };
    assert.equal(plan.clusterName, 'demo');
    assert.equal(plan.joinOrder.length, 6);
  });

  it('prints problems on stderr and nothing on stdout for an invalid spec', async () => {
    const { io, out, err } = fakeIo({ 'invalid.json': invalid });
    assert.equal(await runCli(['plan', 'invalid.json'], io), 2);
    assert.equal(out(), '');
    assert.match(err(), /\$\.clustr +unknown field/);
  });
});
