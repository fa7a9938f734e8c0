import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listOperationsRequest } from '../../../shared/api/read-requests.js';
import type { ClusterApiDeps } from '../../../shared/api/cluster-api-deps.js';
import type { OperationRecord } from '../../../shared/domain/state/state-records.js';
import { repairApiWorld } from '../../support/repair-api-world.js';

const operation = (id: string, clusterName: string, minute: number, change: Partial<OperationRecord> = {}): OperationRecord => {
  const at = new Date(Date.parse('2026-01-10T11:00:00.000Z') + minute * 60_000).toISOString();
  return { id, kind: 'BackupCluster', clusterName, status: 'Succeeded', percent: 100, steps: [], requestedBy: 'ada', trigger: 'api',
    createdAt: at, updatedAt: at, ...change };
};

async function world() {
  const w = await repairApiWorld({ orders: 'Ready', billing: 'Ready' });
  for (const op of [operation('op-1', 'orders', 1), operation('op-3', 'orders', 3, { trigger: 'timer', requestedBy: 'timer' }),
    operation('op-2', 'orders', 2, { kind: 'RepairCluster' }), operation('other', 'billing', 4)]) await w.state.createOperation(op);
  return { ...w, deps: w.deps as unknown as ClusterApiDeps };
}

describe('GET /api/clusters/{name}/operations', () => {
  it('lists the cluster\'s operations newest first, whoever started them, and no other cluster\'s', async () => {
    const w = await world();
    const answer = await listOperationsRequest(w.deps, 'orders', {});
    assert.equal(answer.status, 200);
    const body = answer.body as { cluster: string; operations: OperationRecord[] };
    assert.deepEqual(body.operations.map((o) => [o.id, o.kind, o.trigger]),
      [['op-3', 'BackupCluster', 'timer'], ['op-2', 'RepairCluster', 'api'], ['op-1', 'BackupCluster', 'api']]);
    assert.deepEqual(((await listOperationsRequest(w.deps, 'orders', { limit: '2' })).body as typeof body).operations.map((o) => o.id), ['op-3', 'op-2']);
  });

  it('shows one whose orchestration is gone as the failure it is, as GET /api/operations/{id} does', async () => {
    const w = await world();
    await w.state.createOperation(operation('op-4', 'orders', 5, { status: 'Running', percent: 30 }));
    w.instances.set('op-4', 'Terminated');
    const [latest] = ((await listOperationsRequest(w.deps, 'orders', {})).body as { operations: OperationRecord[] }).operations;
    assert.deepEqual([latest?.id, latest?.status, latest?.error?.code], ['op-4', 'Failed', 'CASSOPS_OPERATION_ABANDONED']);
  });

  it('refuses a limit that is not a whole number from 1 to 200, naming it, and an unknown cluster with a 404 code', async () => {
    const w = await world();
    for (const limit of ['0', '201', 'many', '2.5']) {
      await assert.rejects(listOperationsRequest(w.deps, 'orders', { limit }),
        (e: { code: string; issues: { path: string }[] }) => e.code === 'CASSOPS_REQUEST_INVALID' && e.issues[0]?.path === 'limit', `limit=${limit}`);
    }
    await assert.rejects(listOperationsRequest(w.deps, 'nowhere', {}), { code: 'CASSOPS_CLUSTER_NOT_FOUND' });
  });
});
