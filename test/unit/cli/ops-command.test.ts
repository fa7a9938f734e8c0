import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, runWholeCli as run, scripted } from '../../support/run-service-command.js';

const op = (status: string, percent: number, steps: unknown[] = [], error?: unknown) => ok({ id: 'op-1', kind: 'UpdateCluster', clusterName: 'demo',
  status, percent, createdAt: '2026-01-10T02:00:00Z', requestedBy: 'ada', trigger: 'api', steps, ...(error ? { error } : {}) });
const step = (status: string, percent: number) =>
  ({ name: 'bootstrap', status, percent, startedAt: '2026-01-10T02:00:00Z', ...(status !== 'Running' ? { endedAt: '2026-01-10T02:00:30Z' } : {}) });

describe('autopilot ops subcommands', () => {
  it('list <cluster> is ops --cluster, and passes --limit', async () => {
    const answers = { 'GET /api/clusters/demo/operations': [ok({ cluster: 'demo', operations: [] })] };
    const listed = await run(['ops', 'list', 'demo', '--limit', '5'], scripted(answers));
    assert.deepEqual([listed.code, listed.out], [0, 'no operations\n']);
    assert.equal(new URL(listed.requests[0]!.url).search, '?limit=5');
    const old = await run(['ops', '--cluster', 'demo', '--limit', '5'], scripted(answers));
    assert.equal(old.requests[0]?.url, listed.requests[0]?.url);
  });

  it('show <id> prints the operation; ops <id> still does', async () => {
    for (const argv of [['ops', 'show', 'op-1'], ['ops', 'op-1']]) {
      const r = await run(argv, scripted({ 'GET /api/operations/op-1': [op('Succeeded', 100, [step('Succeeded', 100)])] }));
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^UpdateCluster demo: Succeeded 100% \(operation op-1, requested by ada \(api\)\)\n\[100%\] bootstrap\s+Succeeded\s+30s\n$/);
    }
  });

  it('watch <id> follows it step by step: exit 3 when it fails', async () => {
    const r = await run(['ops', 'watch', 'op-1', '--interval-ms', '0'], scripted({ 'GET /api/operations/op-1': [op('Running', 50, [step('Running', 50)]),
      op('Failed', 50, [step('Failed', 50)], { code: 'CASSOPS_NODE_JOIN_TIMEOUT', message: 'demo-dc1-004 did not join' })] }));
    assert.equal(r.code, 3);
    assert.match(r.out, /\[ 50%\] bootstrap\s+Running\n\[ 50%\] bootstrap\s+Failed\s+30s\nUpdateCluster demo: Failed 50%/);
    assert.match(r.err, /CASSOPS_NODE_JOIN_TIMEOUT: demo-dc1-004 did not join/);
  });

  it('watch --json: steps on standard error, then the ended operation exactly as the API answers it', async () => {
    const ended = op('Succeeded', 100, [step('Succeeded', 100)]);
    const r = await run(['ops', 'watch', 'op-1', '--json', '--interval-ms', '0'], scripted({ 'GET /api/operations/op-1': [ended] }));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), ended.body);
    assert.match(r.err, /\[100%\] bootstrap\s+Succeeded/);
  });

  it('approve and reject under ops take their own --json and --reason (options are positional)', async () => {
    const r = await run(['ops', 'approve', 'op-1', '--reason', 'window ok', '--json'], scripted({
      'POST /api/operations/op-1/approve': [{ status: 202, body: { id: 'op-1', status: 'Running' } }] }));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.requests[0]!.body!), { reason: 'window ok' });
    assert.deepEqual(JSON.parse(r.out), { id: 'op-1', status: 'Running' });
    const rejected = await run(['ops', 'reject', 'op-1'], scripted({ 'POST /api/operations/op-1/reject': [{ status: 202 }] }));
    assert.deepEqual([rejected.code, rejected.out], [0, 'rejected operation op-1\n']);
    const refused = await run(['ops', 'approve', 'op-1'], () => ({ status: 409,
      body: { code: 'CASSOPS_NOT_AWAITING_APPROVAL', message: 'Operation \'op-1\' is Running, not awaiting approval.' } }));
    assert.equal(refused.code, 1);
    assert.match(refused.err, /approve refused: HTTP 409 CASSOPS_NOT_AWAITING_APPROVAL/);
  });

  it('approve without an operation id is a usage error: exit 1, nothing sent', async () => {
    const r = await run(['ops', 'approve'], () => ({ status: 500 }));
    assert.deepEqual([r.code, r.requests.length], [1, 0]);
    assert.match(r.err, /missing required argument 'operation'/);
  });
});

describe('autopilot repair list, openapi and alert send', () => {
  it('repair list shows each run with its progress', async () => {
    const r = await run(['repair', 'list', 'demo'], scripted({ 'GET /api/clusters/demo/repairs': [ok({ cluster: 'demo', runs: [
      { runId: 'r-2', state: 'Running', desired: 'run', mode: 'full', trigger: 'timer', requestedBy: 'timer', createdAt: '2026-01-10T02:00:00Z',
        updatedAt: 'x', segmentsDone: 3, segmentsTotal: 12, percent: 25 }] })] }));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'RUN  STATE    MODE  CREATED               BY             SEGMENTS\n'
      + 'r-2  Running  full  2026-01-10T02:00:00Z  timer (timer)  3/12 (25%)\n');
  });

  it('openapi lists each documented route with the command that calls it', async () => {
    const r = await run(['openapi'], scripted({ 'GET /api/openapi.json': [ok({ openapi: '3.1.0', paths: {
      '/clusters/{name}/health': { get: { summary: 'The latest check.' } }, '/future': { post: { summary: 'Not yet in this CLI.' } } } })] }));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'METHOD  PATH                     COMMAND                SUMMARY\n'
      + 'GET     /clusters/{name}/health  autopilot health show  The latest check.\n'
      + 'POST    /future                  -                      Not yet in this CLI.\n');
  });

  it('alert send posts the file as it is and says the alert was queued; a payload off the schema is refused with every issue', async () => {
    const queued = await run(['alert', 'send', 'alert.json', '--key', 'alert-key'], scripted({
      'POST /api/alerts': [{ status: 202, body: { accepted: true, alertId: 'a-1', monitorCondition: 'Fired' } }] }));
    assert.deepEqual([queued.code, queued.out], [0, 'queued alert a-1 (Fired)\n']);
    assert.equal(queued.requests[0]?.headers['x-functions-key'], 'alert-key');
    assert.equal(queued.requests[0]?.body, '{"cluster":{"name":"demo"}}');
    const refused = await run(['alert', 'send', 'alert.json'], () => ({ status: 400, body: { code: 'CASSOPS_REQUEST_INVALID',
      message: 'The alert does not follow the Azure Monitor common alert schema.', issues: [{ path: '$.schemaId', message: 'must be "azureMonitorCommonAlertSchema"' }] } }));
    assert.equal(refused.code, 1);
    assert.match(refused.err, /\n {2}\$\.schemaId: must be "azureMonitorCommonAlertSchema"/);
  });
});
