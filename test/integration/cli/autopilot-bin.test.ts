// Runs the real `autopilot` executable (bin/autopilot.js over the compiled CLI) as a child
// process on the checked-in examples, as a user or a pipeline would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function autopilot(args: string[], input?: string) {
  const env = { ...process.env };
  delete env.AUTOPILOT_TARGET;
  const result = spawnSync(process.execPath, ['bin/autopilot.js', ...args], { cwd: root, encoding: 'utf8', input, env, timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('autopilot executable', () => {
  it('validates every example with exit 0', () => {
    for (const file of ['local-single-dc.json', 'local-two-dc.json', 'azure-two-region.json']) {
      const run = autopilot(['validate', `examples/${file}`]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /valid for (local|azure)/);
    }
  });

  it('plans the Azure example as JSON and warns about racks sharing a zone', () => {
    const run = autopilot(['plan', 'examples/azure-two-region.json']);
    assert.equal(run.code, 0, run.stderr);
    const plan = JSON.parse(run.stdout) as { datacenters: { nodes: unknown[] }[]; peerings: unknown[] };
    assert.deepEqual(plan.datacenters.map((dc) => dc.nodes.length), [8, 8]);
    assert.equal(plan.peerings.length, 2);
    assert.match(run.stderr, /rack4 shares zone 1 with rack1/);
  });

  it('exits 2 with the problems for an invalid spec read from standard input', () => {
    const run = autopilot(['validate', '-'], JSON.stringify({ cluster: { name: 'X' }, azure: {}, datacenters: [] }));
    assert.equal(run.code, 2);
    assert.match(run.stdout, /\$\.cluster\.name/);
    assert.match(run.stdout, /\$\.azure\.subscriptionId +is required/);
    assert.match(run.stdout, /\$\.datacenters/);
  });
});
