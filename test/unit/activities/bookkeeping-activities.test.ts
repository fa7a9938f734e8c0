import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBookkeepingActivities } from '../../../shared/activities/bookkeeping-activities.js';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { InMemoryStateStore } from '../../../shared/adapters/memory/in-memory-state-store.js';
import { RETRY_PROFILES } from '../../../shared/contracts/retry-profiles.js';

const AT = '2026-01-01T00:00:00.000Z';
const holder = { operationId: 'op-1', instanceId: 'op-1', kind: 'DeployCluster' as const, requestedBy: 'ci', claimedAt: AT, expiresAt: '2026-01-01T00:02:00.000Z' };

async function world() {
  const state = new InMemoryStateStore();
  await state.createOperation({ id: 'op-1', kind: 'DeployCluster', clusterName: 'c1', status: 'Running', percent: 0, steps: [],
    requestedBy: 'ci', trigger: 'api', createdAt: AT, updatedAt: AT });
  await state.updateLease('c1', (lease) => ({ ...lease, holders: [holder, { ...holder, operationId: 'op-2', instanceId: 'op-2', kind: 'DeleteCluster' }] }));
  const activities = createBookkeepingActivities({ state, leaseTtlInMs: 600_000 } as unknown as ActivityDeps);
  return { state, activities };
}

const progress = { operationId: 'op-1', clusterName: 'c1', step: 'network', status: 'Running' as const, stepPercent: 10, operationPercent: 3,
  at: '2026-01-01T00:05:00.000Z' };

describe('bookkeeping activities', () => {
  it('records progress and renews the operation\'s hold from the update\'s time, leaving other holds alone', async () => {
    const { state, activities } = await world();
    assert.deepEqual(await activities.recordProgress(progress), { recorded: true, holdsLease: true });
    assert.equal((await state.getOperation('op-1'))?.steps[0]?.name, 'network');
    const lease = await state.readLease('c1');
    assert.deepEqual(lease.holders.map((h) => [h.operationId, h.expiresAt]),
      [['op-1', '2026-01-01T00:15:00.000Z'], ['op-2', '2026-01-01T00:02:00.000Z']]);
  });

  it('tells the orchestration when its hold is gone (broken or taken over), without bringing it back', async () => {
    const { state, activities } = await world();
    await state.updateLease('c1', (lease) => ({ ...lease, holders: lease.holders.filter((h) => h.operationId !== 'op-1') }));
    assert.deepEqual(await activities.recordProgress(progress), { recorded: true, holdsLease: false });
    assert.deepEqual((await state.readLease('c1')).holders.map((h) => h.operationId), ['op-2']);
  });

  it('reports a failed progress write as a value, so progress can never fail the operation', async () => {
    const { state, activities } = await world();
    state.recordProgress = async () => { throw new Error('storage is down'); };
    assert.deepEqual(await activities.recordProgress(progress), { recorded: false, reason: 'storage is down' });
  });

  it('closes the operation, sets the cluster state and releases only its own hold', async () => {
    const { state, activities } = await world();
    await state.createCluster({ name: 'c1', state: 'Provisioning', spec: {}, plan: {} as never, lastOperationId: 'op-1', createdAt: AT, updatedAt: AT });
    await activities.finishOperation({ operationId: 'op-1', clusterName: 'c1', status: 'Succeeded', clusterState: 'Ready', at: AT });
    assert.equal((await state.getOperation('op-1'))?.status, 'Succeeded');
    assert.equal((await state.getCluster('c1'))?.state, 'Ready');
    assert.deepEqual((await state.readLease('c1')).holders.map((h) => h.operationId), ['op-2']);
  });

  it('retries the close for minutes, to outlast a storage outage', () => {
    const p = RETRY_PROFILES.finish;
    let total = 0;
    for (let attempt = 1, wait = p.firstRetryIntervalInMs; attempt < p.maxNumberOfAttempts; attempt++, wait *= p.backoffCoefficient) {
      total += Math.min(wait, p.maxRetryIntervalInMs);
    }
    assert.ok(total >= 5 * 60_000, `the close gives up after ${total} ms`);
  });
});
