import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerRestartCommand } from '../../../shared/cli/commands/restart-command.js';
import { ok, runServiceCommand as run, scripted } from '../../support/run-service-command.js';

const step = (name: string, status: string, percent: number, message?: string) =>
  ({ name, status, percent, startedAt: '2026-01-10T02:00:00Z', ...(status !== 'Running' ? { endedAt: '2026-01-10T02:01:00Z' } : {}), ...(message ? { message } : {}) });
const operation = (status: string, steps: ReturnType<typeof step>[], error?: unknown) =>
  ok({ id: 'op-r', kind: 'RestartCluster', clusterName: 'demo', status, percent: status === 'Running' ? 40 : 100, createdAt: 'x', steps, ...(error ? { error } : {}) });
const accepted = { status: 202, body: { operationId: 'op-r', clusterName: 'demo', statusUrl: '/api/operations/op-r' } };

describe('autopilot restart', () => {
  it('restarts every node with an empty body, and --watch shows each node as it goes', async () => {
    const r = await run(registerRestartCommand, ['restart', 'demo', '--watch', '--interval-ms', '0'], scripted({
      'POST /api/clusters/demo/restart': [accepted],
      'GET /api/operations/op-r': [operation('Running', [step('check', 'Succeeded', 100), step('restart', 'Running', 33, 'restarting demo-dc1-002 (2 of 3, dc1/rack2)')]),
        operation('Succeeded', [step('check', 'Succeeded', 100), step('restart', 'Succeeded', 100, '3 node(s) restarted')])] }));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.requests[0]?.body, '{}');
    assert.match(r.out, /^restarting every node of demo, one at a time: operation op-r /);
    assert.match(r.out, /\[ 33%\] restart\s+Running\s+restarting demo-dc1-002 \(2 of 3, dc1\/rack2\)/);
    assert.match(r.out, /\[100%\] restart\s+Succeeded\s+60s\s+3 node\(s\) restarted/);
  });

  it('names the nodes asked for, in order; a node that did not come back exits 3 with the error', async () => {
    const error = { code: 'CASSOPS_NODE_JOIN_TIMEOUT', message: 'demo-dc1-003 was not back within 600 s of its restart' };
    const r = await run(registerRestartCommand, ['restart', 'demo', '--node', 'demo-dc1-003', '--node', 'demo-dc1-001', '-w', '--interval-ms', '0'], scripted({
      'POST /api/clusters/demo/restart': [accepted],
      'GET /api/operations/op-r': [operation('Failed', [step('restart', 'Failed', 0)], error)] }));
    assert.deepEqual(JSON.parse(r.requests[0]?.body ?? ''), { nodes: ['demo-dc1-003', 'demo-dc1-001'] });
    assert.equal(r.code, 3);
    assert.match(r.err, /CASSOPS_NODE_JOIN_TIMEOUT: demo-dc1-003 was not back/);
  });

  it('reports a refusal with the API\'s code and exits 1', async () => {
    const r = await run(registerRestartCommand, ['restart', 'demo'], scripted({ 'POST /api/clusters/demo/restart': [{ status: 409,
      body: { code: 'CASSOPS_CLUSTER_BUSY', message: "Operation 'b-1' (BackupCluster) is running on cluster 'demo'." } }] }));
    assert.equal(r.code, 1);
    assert.match(r.err, /restart refused: .*CASSOPS_CLUSTER_BUSY/);
  });
});
