import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, runWholeCli as run, scripted } from '../../support/run-service-command.js';

const HEALTH = '/api/clusters/demo/health';
const latest = {
  cluster: 'demo', checkId: 'check-9', trigger: 'timer', status: 'Degraded', evaluatedAt: '2026-01-10T02:00:00Z', deepProbe: true, views: {},
  findings: [{ code: 'disk-usage-high', severity: 'warning', node: 'demo-dc1-002', message: 'disk 87% used', action: 'add disk or nodes',
    since: '2026-01-10T01:00:00Z' }],
  nodes: [{ node: 'demo-dc1-001', datacenter: 'dc1', rack: 'rack1', state: 'up', diskUsedPercent: 41, pendingCompactions: 0, hintFiles: 0 },
    { node: 'demo-dc1-002', datacenter: 'dc1', rack: 'rack2', state: 'up', diskUsedPercent: 87 }],
};
const check = (status: string, phase: string, result: unknown = null) =>
  ok({ operationId: 'check-1', cluster: 'demo', status, progress: { phase }, result });

describe('autopilot health', () => {
  it('shows the latest status, each finding with what to do, and each node', async () => {
    const r = await run(['health', 'demo'], scripted({ [`GET ${HEALTH}`]: [ok(latest)] }));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'demo: Degraded, evaluated 2026-01-10T02:00:00Z (check check-9, timer, deep probe)\n'
      + 'warning  disk-usage-high demo-dc1-002 since 2026-01-10T01:00:00Z: disk 87% used\n         action: add disk or nodes\n'
      + 'NODE          DC   RACK   STATE  DISK  COMPACTIONS  HINTS\n'
      + 'demo-dc1-001  dc1  rack1  up     41%   0            0\n'
      + 'demo-dc1-002  dc1  rack2  up     87%   -            -\n');
  });

  it('history asks for the window and page given, lists the checks, and names the next page', async () => {
    const r = await run(['health', 'history', 'demo', '--from', '2026-01-09T00:00:00Z', '--page-size', '1'], scripted({ [`GET ${HEALTH}/history`]: [ok({
      cluster: 'demo', from: '2026-01-09T00:00:00Z', to: '2026-01-10T02:00:00Z', items: [latest], continuationToken: 'tok-2' })] }));
    assert.equal(r.code, 0, r.err);
    assert.equal(new URL(r.requests[0]!.url).search, '?from=2026-01-09T00%3A00%3A00Z&pageSize=1');
    assert.match(r.out, /^demo: checks from 2026-01-09T00:00:00Z to 2026-01-10T02:00:00Z\nEVALUATED\s+STATUS\s+CHECK\s+TRIGGER\s+FINDINGS\n/);
    assert.match(r.out, /2026-01-10T02:00:00Z\s+Degraded\s+check-9\s+timer\s+1\n/);
    assert.match(r.out, /more: --continuation-token tok-2\n$/);
  });

  it('history refuses a page size that is not a whole number: exit 1, nothing sent', async () => {
    const r = await run(['health', 'history', 'demo', '--page-size', 'ten'], () => ({ status: 500 }));
    assert.deepEqual([r.code, r.requests.length], [1, 0]);
    assert.match(r.err, /expected a whole number/);
  });

  it('check --watch shows each phase once, then what the check found: exit 0', async () => {
    const r = await run(['health', 'check', 'demo', '--watch', '--interval-ms', '0'], scripted({
      [`POST ${HEALTH}/check`]: [{ status: 202, body: { operationId: 'check-1', cluster: 'demo', status: 'Running', statusQueryUri: `${HEALTH}/checks/check-1` } }],
      [`GET ${HEALTH}/checks/check-1`]: [check('Running', 'views'), check('Running', 'views'), check('Running', 'deep-probe'),
        check('Succeeded', 'done', { status: 'Healthy', findings: 0 })] }));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'check check-1 of demo: Running (views)\ncheck check-1 of demo: Running (deep-probe)\n'
      + 'check check-1 of demo: Succeeded: Healthy, 0 finding(s)\n');
  });

  it('check --watch --json prints the ended check as the API answers it (phases on standard error); a failed check exits 3', async () => {
    const failed = { operationId: 'check-1', cluster: 'demo', status: 'Failed', progress: { phase: 'views' }, result: null };
    const r = await run(['health', 'check', 'demo', '-w', '--json', '--interval-ms', '0'], scripted({
      [`POST ${HEALTH}/check`]: [{ status: 202, body: { operationId: 'check-1', cluster: 'demo', status: 'Running', statusQueryUri: `${HEALTH}/checks/check-1` } }],
      [`GET ${HEALTH}/checks/check-1`]: [check('Running', 'views'), ok(failed)] }));
    assert.equal(r.code, 3);
    assert.deepEqual(JSON.parse(r.out), failed);
    assert.equal(r.err, 'check check-1 of demo: Running (views)\n');
  });

  it('check is refused while the cluster is not Ready: exit 1 with the API\'s reason', async () => {
    const r = await run(['health', 'check', 'demo'], () => ({ status: 400,
      body: { code: 'CASSOPS_REQUEST_INVALID', message: 'Cluster \'demo\' is Provisioning; health checks run on Ready clusters.' } }));
    assert.equal(r.code, 1);
    assert.match(r.err, /health check refused: HTTP 400 CASSOPS_REQUEST_INVALID: Cluster 'demo' is Provisioning/);
  });

  it('check-status shows one check, and --watch follows it', async () => {
    const shown = await run(['health', 'check-status', 'demo', 'check-1'], scripted({ [`GET ${HEALTH}/checks/check-1`]: [check('Running', 'load')] }));
    assert.equal(shown.out, 'check check-1 of demo: Running (load)\n');
    const followed = await run(['health', 'check-status', 'demo', 'check-1', '-w', '--interval-ms', '0'], scripted({
      [`GET ${HEALTH}/checks/check-1`]: [check('Succeeded', 'done', { status: 'Skipped', findings: 0, reason: 'cluster is Deleting' })] }));
    assert.deepEqual([followed.code, followed.out], [0, 'check check-1 of demo: Succeeded: Skipped, 0 finding(s) (cluster is Deleting)\n']);
  });
});

describe('autopilot remediations', () => {
  it('lists the autopilot\'s decisions newest first, with what a taken one started', async () => {
    const r = await run(['remediations', 'demo'], scripted({ 'GET /api/clusters/demo/remediations': [ok({ cluster: 'demo', decisions: [
      { id: 'check-3:demo-dc1-002', checkId: 'check-3', at: '2026-01-10T02:00:00Z', status: 'Critical', node: 'demo-dc1-002',
        action: 'restartCassandra', decision: 'taken', reason: 'node-down for 10m', operationId: 'op-5' },
      { id: 'check-2', checkId: 'check-2', at: '2026-01-10T01:00:00Z', status: 'Healthy', action: 'none', decision: 'nothing-to-do',
        reason: 'healthy' }] })] }));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^AT\s+HEALTH\s+NODE\s+ACTION\s+DECISION\s+OPERATION\s+REASON\n/);
    assert.match(r.out, /2026-01-10T02:00:00Z\s+Critical\s+demo-dc1-002\s+restartCassandra\s+taken\s+op-5\s+node-down for 10m\n/);
    assert.match(r.out, /2026-01-10T01:00:00Z\s+Healthy\s+-\s+none\s+nothing-to-do\s+-\s+healthy\n$/);
    const none = await run(['remediations', 'demo'], scripted({ 'GET /api/clusters/demo/remediations': [ok({ cluster: 'demo', decisions: [] })] }));
    assert.equal(none.out, 'the autopilot has decided nothing for demo yet\n');
  });
});
