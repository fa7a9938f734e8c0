import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startDueRepairs } from '../../../shared/api/start-due-repairs.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { ClusterRecord } from '../../../shared/domain/state/state-records.js';
import { repairApiWorld } from '../../support/repair-api-world.js';

// The fixture spec repairs weekly, Sundays at 01:00 UTC ('0 0 1 * * 0'); its clusters were created
// on Thursday 2026-01-01, and the clock reads Saturday 2026-01-10 12:00: Sunday the 4th is due.
const SUNDAY_RUN = 'repair-orders-20260104T010000';

type World = Awaited<ReturnType<typeof repairApiWorld>>;

async function changeCluster(w: World, name: string, change: (c: ClusterRecord) => ClusterRecord): Promise<void> {
  await w.state.replaceCluster(change((await w.state.getCluster(name))!));
}

describe('startDueRepairs (the repair timer)', () => {
  it('starts one run of a due cluster when two firings race, by the product, under the occurrence\'s id', async () => {
    const w = await repairApiWorld();
    const outcomes = (await Promise.all([startDueRepairs(w.deps, w.deps.now()), startDueRepairs(w.deps, w.deps.now())])).flat();
    assert.deepEqual(w.started.map((s) => [s.name, s.instanceId]), [[ORCHESTRATIONS.repairCluster, SUNDAY_RUN]]);
    // Both decided the occurrence due and asked for it: the operation record, inserted once, let one start it.
    assert.deepEqual(outcomes.map((o) => [o.outcome, o.operationId]).sort(), [['already-started', SUNDAY_RUN], ['started', SUNDAY_RUN]]);
    const runs = await w.repairs.listRuns('orders', 10);
    assert.deepEqual(runs.map((r) => [r.runId, r.trigger, r.requestedBy, r.state]), [[SUNDAY_RUN, 'timer', 'autopilot', 'Planning']]);
    assert.equal((await w.state.getOperation(SUNDAY_RUN))?.trigger, 'timer');
  });

  it('does not start the same occurrence again on later ticks, and starts the next one once it comes', async () => {
    const w = await repairApiWorld();
    await startDueRepairs(w.deps, w.deps.now());
    w.instances.set(SUNDAY_RUN, 'Completed');
    await w.state.updateLease('orders', (lease) => ({ ...lease, holders: [] }));
    w.clock.now += 15 * 60_000;
    assert.deepEqual(await startDueRepairs(w.deps, w.deps.now()), []);
    w.clock.now = Date.parse('2026-01-11T01:00:02.000Z');
    assert.deepEqual(await startDueRepairs(w.deps, w.deps.now()), [{ cluster: 'orders', outcome: 'started', operationId: 'repair-orders-20260111T010000' }]);
    assert.equal(w.started.length, 2);
  });

  it('starts nothing for a cluster whose schedule has had no occurrence since it was created, or one not Ready', async () => {
    const w = await repairApiWorld({ orders: 'Ready', building: 'Provisioning' });
    await changeCluster(w, 'orders', (c) => ({ ...c, createdAt: '2026-01-05T00:00:00.000Z' }));
    assert.deepEqual(await startDueRepairs(w.deps, w.deps.now()), []);
    assert.deepEqual([w.started, await w.repairs.listRuns('orders', 10), await w.repairs.listRuns('building', 10)], [[], [], []]);
  });

  it('skips a busy cluster (reported, not thrown) and still starts the others', async () => {
    const w = await repairApiWorld({ orders: 'Ready', payments: 'Ready' });
    await w.state.updateLease('orders', (lease) => ({ ...lease, holders: [{ operationId: 'deploy-2', instanceId: 'deploy-2', kind: 'DeployCluster',
      requestedBy: 'ci', claimedAt: '2026-01-10T11:59:00.000Z', expiresAt: '2026-01-10T12:01:00.000Z' }] }));
    w.instances.set('deploy-2', 'Running');
    const outcomes = await startDueRepairs(w.deps, w.deps.now());
    assert.deepEqual(outcomes.map((o) => [o.cluster, o.outcome]), [['orders', 'skipped'], ['payments', 'started']]);
    assert.match(outcomes[0]?.reason ?? '', /^CASSOPS_CLUSTER_BUSY: Operation 'deploy-2'/);
    assert.deepEqual(await w.repairs.listRuns('orders', 10), []);
    assert.deepEqual(w.started.map((s) => s.instanceId), ['repair-payments-20260104T010000']);
  });

  it('reports a schedule that does not parse instead of starting anything', async () => {
    const w = await repairApiWorld();
    await changeCluster(w, 'orders', (c) => ({ ...c, spec: { ...(c.spec as object), schedules: { repair: { schedule: '0 0 99 * * *' } } } }));
    const [outcome] = await startDueRepairs(w.deps, w.deps.now());
    assert.deepEqual([outcome?.outcome, outcome?.reason], ['skipped', "repair schedule '0 0 99 * * *' does not parse"]);
    assert.equal(w.started.length, 0);
  });
});
