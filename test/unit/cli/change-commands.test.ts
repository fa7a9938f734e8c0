import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerUpdateCommand } from '../../../shared/cli/commands/update-command.js';
import { registerReplaceCommand } from '../../../shared/cli/commands/replace-command.js';
import { registerApprovalCommands } from '../../../shared/cli/commands/approval-command.js';
import { ok, runServiceCommand as run, scripted } from '../../support/run-service-command.js';

const step = (name: string, status: string, percent: number, message?: string) =>
  ({ name, status, percent, startedAt: '2026-01-10T02:00:00Z', ...(status !== 'Running' ? { endedAt: '2026-01-10T02:01:00Z' } : {}), ...(message ? { message } : {}) });
const operation = (status: string, steps: ReturnType<typeof step>[], extra: Record<string, unknown> = {}) =>
  ok({ id: 'op-u', kind: 'ReplaceNode', clusterName: 'demo', status, percent: 40, createdAt: 'x', steps, ...extra });

describe('autopilot update', () => {
  it('reads the ETag, PUTs the spec with If-Match, and names the nodes added and removed', async () => {
    const r = await run(registerUpdateCommand, ['update', 'demo', 'spec.json'], scripted({
      'GET /api/clusters/demo': [ok({ name: 'demo', etag: '"abc"' })],
      'PUT /api/clusters/demo': [{ status: 202, body: { operationId: 'op-u', clusterName: 'demo', statusUrl: '/api/operations/op-u',
        nodesAdded: [{ node: 'demo-dc1-004', dc: 'dc1', rack: 'rack1' }], nodesRemoved: [] } }] }));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.requests[1]?.headers['if-match'], '"abc"');
    assert.equal(r.requests[1]?.body, '{"cluster":{"name":"demo"}}');
    assert.match(r.out, /^updating demo \(\+demo-dc1-004\): operation op-u /);
  });

  it('with --if-match sends that ETag without reading; exits 2 for a refused change and 1 for a stale ETag', async () => {
    const refusedChange = await run(registerUpdateCommand, ['update', 'demo', 'spec.json', '--if-match', '"old"'], scripted({
      'PUT /api/clusters/demo': [{ status: 409, body: { code: 'CASSOPS_CHANGE_REFUSED', message: 'The spec asks for 1 change(s)',
        issues: [{ path: '$.cluster.numTokens', message: 'num_tokens is fixed' }] } }] }));
    assert.deepEqual([refusedChange.code, refusedChange.requests.map((q) => q.method)], [2, ['PUT']]);
    assert.match(refusedChange.err, /\$\.cluster\.numTokens: num_tokens is fixed/);
    const stale = await run(registerUpdateCommand, ['update', 'demo', 'spec.json', '--if-match', '"old"'], scripted({
      'PUT /api/clusters/demo': [{ status: 412, body: { code: 'CASSOPS_PRECONDITION_FAILED', message: 'someone changed it' } }] }));
    assert.equal(stale.code, 1);
    assert.match(stale.err, /update refused: .*CASSOPS_PRECONDITION_FAILED/);
  });

  it('says so when the cluster already has the spec', async () => {
    const r = await run(registerUpdateCommand, ['update', 'demo', 'spec.json', '--if-match', '*'], scripted({
      'PUT /api/clusters/demo': [ok({ cluster: 'demo', unchanged: true })] }));
    assert.deepEqual([r.code, r.out], [0, 'cluster demo already has this spec: nothing to change\n']);
  });
});

describe('autopilot replace, approve and reject', () => {
  it('replace --watch shows the proposal of an operation awaiting approval once, then its steps to the end', async () => {
    const proposal = { action: 'replace demo-dc1-002 at its address', reason: 'VM of demo-dc1-002 is gone', expiresAt: '2026-01-10T06:00:00Z' };
    const r = await run(registerReplaceCommand, ['replace', 'demo', 'demo-dc1-002', '-w', '--interval-ms', '0'], scripted({
      'POST /api/clusters/demo/nodes/demo-dc1-002/replace': [{ status: 202, body: { operationId: 'op-u', clusterName: 'demo', statusUrl: '/api/operations/op-u' } }],
      'GET /api/operations/op-u': [operation('AwaitingApproval', [step('check', 'Succeeded', 100)], { proposal }),
        operation('AwaitingApproval', [step('check', 'Succeeded', 100)], { proposal }),
        operation('Succeeded', [step('check', 'Succeeded', 100), step('join', 'Succeeded', 100, 'demo-dc1-002 replaced at 127.1.1.5')])] }));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.match(/awaiting approval until 2026-01-10T06:00:00Z: replace demo-dc1-002 at its address \(VM of demo-dc1-002 is gone\); autopilot approve\|reject op-u/g)?.length, 1);
    assert.match(r.out, /join\s+Succeeded\s+60s\s+demo-dc1-002 replaced at 127\.1\.1\.5/);
  });

  it('approve and reject send the reason; a refusal exits 1 with the API\'s code', async () => {
    const approved = await run(registerApprovalCommands, ['approve', 'op-u', '--reason', 'deleted by mistake'], scripted({
      'POST /api/operations/op-u/approve': [{ status: 202, body: { operationId: 'op-u', approved: true } }] }));
    assert.deepEqual([approved.code, approved.out, JSON.parse(approved.requests[0]?.body ?? '')], [0, 'approved operation op-u\n', { reason: 'deleted by mistake' }]);
    const rejected = await run(registerApprovalCommands, ['reject', 'op-u'], scripted({
      'POST /api/operations/op-u/reject': [{ status: 409, body: { code: 'CASSOPS_OPERATION_NOT_AWAITING_APPROVAL', message: 'Operation op-u is Succeeded' } }] }));
    assert.equal(rejected.code, 1);
    assert.match(rejected.err, /reject refused: .*CASSOPS_OPERATION_NOT_AWAITING_APPROVAL/);
  });
});
