import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { answerApprovalRequest } from '../../../shared/api/approval-requests.js';
import { APPROVAL_EVENT } from '../../../shared/contracts/approval-io.js';
import { repairApiWorld } from '../../support/repair-api-world.js';
import type { OperationRecord } from '../../../shared/domain/state/state-records.js';

async function world(status: OperationRecord['status']) {
  const w = await repairApiWorld({ orders: 'Ready' });
  const at = '2026-01-10T11:00:00.000Z';
  await w.state.createOperation({ id: 'remediate-check-9', kind: 'ReplaceNode', clusterName: 'orders', status, percent: 3, steps: [],
    requestedBy: 'autopilot', trigger: 'remediation', createdAt: at, updatedAt: at,
    proposal: { action: 'replace orders-dc1-002 at its address', reason: 'its VM is gone', expiresAt: '2026-01-10T15:00:00.000Z' } });
  return { ...w, deps: { state: w.state, orchestrations: w.deps.orchestrations, now: w.deps.now } };
}
const refusal = (code: string, check: (e: { message: string; issues?: { path: string }[] }) => boolean = () => true) =>
  (e: { code: string; message: string; issues?: { path: string }[] }) => e.code === code && check(e);

describe('POST /api/operations/{id}/approve and /reject', () => {
  it('raises the answer, with who and why, to the operation awaiting approval; 202', async () => {
    const w = await world('AwaitingApproval');
    const answer = await answerApprovalRequest(w.deps, 'remediate-check-9', { reason: 'the VM was deleted by mistake' }, true, 'ada');
    assert.deepEqual([answer.status, answer.body], [202, { operationId: 'remediate-check-9', approved: true, statusUrl: '/api/operations/remediate-check-9' }]);
    assert.deepEqual(w.raised, [{ instanceId: 'remediate-check-9', name: APPROVAL_EVENT,
      data: { approved: true, by: 'ada', at: '2026-01-10T12:00:00.000Z', reason: 'the VM was deleted by mistake' } }]);
    await answerApprovalRequest(w.deps, 'remediate-check-9', {}, false, 'bob');
    assert.deepEqual(w.raised[1]?.data, { approved: false, by: 'bob', at: '2026-01-10T12:00:00.000Z' });
  });

  it('refuses an operation not awaiting approval (409 with its status), an unknown one (404) and a bad reason (400 at $.reason), raising nothing', async () => {
    const w = await world('Running');
    await assert.rejects(answerApprovalRequest(w.deps, 'remediate-check-9', {}, true, 'ada'),
      refusal('CASSOPS_OPERATION_NOT_AWAITING_APPROVAL', (e) => /is Running, not AwaitingApproval/.test(e.message)));
    await assert.rejects(answerApprovalRequest(w.deps, 'nope-1', {}, true, 'ada'), refusal('CASSOPS_OPERATION_NOT_FOUND'));
    await assert.rejects(answerApprovalRequest(w.deps, 'remediate-check-9', { reason: 7 }, true, 'ada'),
      refusal('CASSOPS_REQUEST_INVALID', (e) => e.issues?.[0]?.path === '$.reason'));
    await assert.rejects(answerApprovalRequest(w.deps, 'remediate-check-9', { approve: true }, true, 'ada'), refusal('CASSOPS_REQUEST_INVALID'));
    assert.deepEqual(w.raised, []);
  });
});
