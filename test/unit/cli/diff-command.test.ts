import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerDiffCommand } from '../../../shared/cli/commands/diff-command.js';
import { ok, runServiceCommand as run, scripted } from '../../support/run-service-command.js';

const plan = (change: Record<string, unknown> = {}) => ({ cluster: 'demo', state: 'Ready', specHash: 'h', nodesAdded: [], nodesRemoved: [],
  datacentersAdded: [], datacentersRemoved: [], replication: [], keyspacesUnmanaged: [], rollingRestart: [], inPlace: [], refused: [], unchanged: false, ...change });

describe('autopilot diff', () => {
  it('posts the spec file to the plan preview and prints each change; exit 0 when nothing is refused', async () => {
    const r = await run(registerDiffCommand, ['diff', 'demo', 'spec.json'], scripted({ 'POST /api/clusters/demo/plan': [ok(plan({
      nodesAdded: [{ node: 'demo-dc1-004', dc: 'dc1', rack: 'rack1' }], replication: [{ keyspace: 'shop', from: { dc1: 3 }, to: { dc1: 3, dc2: 3 } }],
      rollingRestart: [{ path: '$.cluster.jvm', from: {}, to: { maxHeapMiB: 2048 } }], inPlace: [{ path: '$.schedules', from: {}, to: {} }] }))] }));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.requests[0]?.body, '{"cluster":{"name":"demo"}}');
    assert.equal(r.out, 'cluster demo (Ready): can be applied\n+ node demo-dc1-004 (dc1/rack1)\n~ keyspace shop replication dc1:3 -> dc1:3,dc2:3\n'
      + '~ $.cluster.jvm: rolling restart\n~ $.schedules: in place\n');
  });

  it('exits 2 with what is refused and why, and for an invalid spec with each issue', async () => {
    const refusedPlan = await run(registerDiffCommand, ['diff', 'demo', 'spec.json'], scripted({ 'POST /api/clusters/demo/plan': [ok(plan({
      refused: [{ path: '$.cluster.numTokens', reason: 'num_tokens is fixed once a node owns token ranges' }] }))] }));
    assert.equal(refusedPlan.code, 2);
    assert.match(refusedPlan.out, /1 change\(s\) refused\n! refused \$\.cluster\.numTokens: num_tokens is fixed/);
    const invalid = await run(registerDiffCommand, ['diff', 'demo', 'spec.json'], scripted({ 'POST /api/clusters/demo/plan': [{ status: 400,
      body: { code: 'CASSOPS_SPEC_INVALID', message: 'The cluster spec has 1 problem(s).', issues: [{ path: '$.datacenters[0].nodes', message: 'must be at least 1' }] } }] }));
    assert.equal(invalid.code, 2);
    assert.match(invalid.err, /\$\.datacenters\[0\]\.nodes: must be at least 1/);
    const same = await run(registerDiffCommand, ['diff', 'demo', 'spec.json'], scripted({ 'POST /api/clusters/demo/plan': [ok(plan({ unchanged: true }))] }));
    assert.deepEqual([same.code, same.out], [0, 'cluster demo (Ready): the spec asks for nothing it does not have\n']);
  });
});
