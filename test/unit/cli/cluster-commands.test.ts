import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, runWholeCli as run, scripted } from '../../support/run-service-command.js';

const step = (name: string, status: string, percent: number, message?: string) =>
  ({ name, status, percent, startedAt: '2026-01-10T02:00:00Z', ...(status !== 'Running' ? { endedAt: '2026-01-10T02:01:00Z' } : {}), ...(message ? { message } : {}) });
const operation = (kind: string, status: string, steps: ReturnType<typeof step>[], error?: unknown) =>
  ok({ id: 'op-1', kind, clusterName: 'demo', status, percent: status === 'Running' ? 40 : 100, createdAt: '2026-01-10T02:00:00Z', steps,
    ...(error ? { error } : {}) });
const accepted = { status: 202, body: { operationId: 'op-1', clusterName: 'demo', statusUrl: '/api/operations/op-1' } };
const cluster = { name: 'demo', state: 'Ready', lastOperationId: 'op-0', runningOperationId: null, nodes: [
  { name: 'demo-dc1-001', dc: 'dc1', rack: 'rack1', privateIp: '10.0.1.4', isSeed: true, state: 'Joined' },
  { name: 'demo-dc1-002', dc: 'dc1', rack: 'rack2', privateIp: '10.0.1.5', isSeed: false, state: 'Joined' }] };

describe('autopilot clusters', () => {
  it('lists the clusters (the same as status without a name)', async () => {
    const r = await run(['clusters'], scripted({ 'GET /api/clusters': [ok({ clusters: [{ name: 'demo', state: 'Ready', lastOperationId: 'op-0' }] })] }));
    assert.equal(r.code, 0);
    assert.match(r.out, /^demo\s+Ready\s+last operation op-0\n$/);
    const none = await run(['clusters'], scripted({ 'GET /api/clusters': [ok({ clusters: [] })] }));
    assert.equal(none.out, 'no clusters\n');
  });
});

describe('autopilot nodes', () => {
  it('lists the cluster\'s nodes as a table, with or without the word list', async () => {
    for (const argv of [['nodes', 'demo'], ['nodes', 'list', 'demo']]) {
      const r = await run(argv, scripted({ 'GET /api/clusters/demo': [ok(cluster)] }));
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, 'NODE          DC   RACK   ADDRESS   STATE   SEED\n'
        + 'demo-dc1-001  dc1  rack1  10.0.1.4  Joined  yes\ndemo-dc1-002  dc1  rack2  10.0.1.5  Joined  no\n');
    }
  });

  it('restart --watch follows one node\'s restart: exit 3 with the error when it does not come back', async () => {
    const error = { code: 'CASSOPS_NODE_JOIN_TIMEOUT', message: 'demo-dc1-002 was not back within 600 s of its restart' };
    const r = await run(['nodes', 'restart', 'demo', 'demo-dc1-002', '--watch', '--interval-ms', '0'], scripted({
      'POST /api/clusters/demo/nodes/demo-dc1-002/restart': [accepted],
      'GET /api/operations/op-1': [operation('RestartCluster', 'Running', [step('restart', 'Running', 0, 'draining demo-dc1-002')]),
        operation('RestartCluster', 'Failed', [step('restart', 'Failed', 0)], error)] }));
    assert.equal(r.code, 3);
    assert.match(r.out, /^restarting demo-dc1-002 of demo: operation op-1 \(http:\/\/127\.0\.0\.1:7071\/api\/operations\/op-1\)\n/);
    assert.match(r.out, /\[ {2}0%\] restart\s+Running\s+draining demo-dc1-002/);
    assert.match(r.err, /CASSOPS_NODE_JOIN_TIMEOUT: demo-dc1-002 was not back/);
  });

  it('replace is the same command under nodes as at the top level', async () => {
    const answers = { 'POST /api/clusters/demo/nodes/demo-dc1-002/replace': [accepted] };
    const grouped = await run(['nodes', 'replace', 'demo', 'demo-dc1-002'], scripted(answers));
    const top = await run(['replace', 'demo', 'demo-dc1-002'], scripted(answers));
    assert.deepEqual([grouped.code, grouped.out], [top.code, top.out]);
    assert.match(top.out, /^replacing demo-dc1-002 of demo: operation op-1/);
  });

  it('a missing node name is a usage error: exit 1, nothing sent', async () => {
    const r = await run(['nodes', 'restart', 'demo'], () => ({ status: 500 }));
    assert.deepEqual([r.code, r.requests.length], [1, 0]);
    assert.match(r.err, /missing required argument 'node'/);
  });
});

describe('autopilot delete', () => {
  it('sends the confirmation and --watch follows the deletion to Succeeded', async () => {
    const r = await run(['delete', 'demo', '--confirm', 'demo', '-w', '--interval-ms', '0'], scripted({
      'DELETE /api/clusters/demo': [accepted],
      'GET /api/operations/op-1': [operation('DeleteCluster', 'Succeeded', [step('resources', 'Succeeded', 100, '3 resource groups deleted')])] }));
    assert.equal(r.code, 0, r.err);
    assert.equal(new URL(r.requests[0]!.url).search, '?confirm=demo');
    assert.match(r.out, /^deleting demo: operation op-1 /);
    assert.match(r.out, /\[100%\] resources\s+Succeeded\s+60s {2}3 resource groups deleted\nDeleteCluster demo: Succeeded 100%/);
  });

  it('refuses to run without --confirm (exit 1, nothing sent), and says why the API refused a wrong one', async () => {
    const missing = await run(['delete', 'demo'], () => ({ status: 500 }));
    assert.deepEqual([missing.code, missing.requests.length], [1, 0]);
    assert.match(missing.err, /required option '--confirm <cluster>' not specified/);
    const wrong = await run(['delete', 'demo', '--confirm', 'dmeo'], () => ({ status: 400,
      body: { code: 'CASSOPS_CONFIRM_MISMATCH', message: 'confirm must repeat the cluster name to delete cluster \'demo\'.' } }));
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /delete refused: HTTP 400 CASSOPS_CONFIRM_MISMATCH/);
  });

  it('--watch exits 3 when the deletion fails, and --json keeps standard output one JSON document (steps on standard error)', async () => {
    const r = await run(['delete', 'demo', '--confirm', 'demo', '--watch', '--json', '--interval-ms', '0'], scripted({
      'DELETE /api/clusters/demo': [accepted],
      'GET /api/operations/op-1': [operation('DeleteCluster', 'Failed', [step('resources', 'Failed', 50)],
        { code: 'CASSOPS_ARM_FAILED', message: 'resource group demo-dc1: ScopeLocked' })] }));
    assert.equal(r.code, 3);
    assert.deepEqual(JSON.parse(r.out), accepted.body);
    assert.match(r.err, /\[ 50%\] resources\s+Failed/);
    assert.match(r.err, /CASSOPS_ARM_FAILED: resource group demo-dc1: ScopeLocked/);
  });
});

describe('autopilot lease break', () => {
  it('names each hold it removed, or says nobody held the lease', async () => {
    const broken = await run(['lease', 'break', 'demo', '--confirm', 'demo'], scripted({ 'POST /api/clusters/demo/lease/break': [ok({
      clusterName: 'demo', brokenBy: 'ada', brokenAt: '2026-01-10T02:00:00Z',
      broken: [{ operationId: 'op-7', kind: 'RepairCluster', requestedBy: 'timer' }] })] }));
    assert.equal(broken.code, 0);
    assert.equal(new URL(broken.requests[0]!.url).search, '?confirm=demo');
    assert.equal(broken.out, 'broke the lease of demo at 2026-01-10T02:00:00Z, removing 1 hold(s):\n  op-7 (RepairCluster, requested by timer)\n');
    const idle = await run(['lease', 'break', 'demo', '--confirm', 'demo'], scripted({ 'POST /api/clusters/demo/lease/break': [ok({
      clusterName: 'demo', brokenBy: 'ada', brokenAt: '2026-01-10T02:00:00Z', broken: [] })] }));
    assert.equal(idle.out, 'nobody held the lease of demo: nothing broken\n');
  });

  it('a 403 names the role it needs (Admin): exit 1', async () => {
    const r = await run(['lease', 'break', 'demo', '--confirm', 'demo'], () => ({ status: 403,
      body: { code: 'CASSOPS_FORBIDDEN', message: 'POST /api/clusters/{name}/lease/break needs the Admin role; \'ada\' holds Operator.' } }));
    assert.equal(r.code, 1);
    assert.match(r.err, /lease break refused: HTTP 403 CASSOPS_FORBIDDEN: .*needs the Admin role/);
  });
});
