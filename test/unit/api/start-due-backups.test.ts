import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startDueBackups } from '../../../shared/api/start-due-backups.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import { backupApiWorld } from '../../support/backup-api-world.js';
import { backupRecord } from '../../support/backup-fixtures.js';

// The fixture spec backs up daily at 02:00 UTC; its clusters were created on 2026-01-01 and the
// clock reads 2026-01-10 12:00: the 10th's snapshot is due.
const TODAY = 'backup-orders-20260110T020000';

describe('startDueBackups (the backup timer)', () => {
  it('starts one backup of a due cluster when two firings race, by the product, under the occurrence\'s id', async () => {
    const w = await backupApiWorld();
    const outcomes = (await Promise.all([startDueBackups(w.deps, w.deps.now()), startDueBackups(w.deps, w.deps.now())])).flat();
    assert.deepEqual(w.started.map((s) => [s.name, s.instanceId]), [[ORCHESTRATIONS.backupCluster, TODAY]]);
    assert.deepEqual(outcomes.map((o) => [o.outcome, o.operationId]).sort(), [['already-started', TODAY], ['started', TODAY]]);
    const backups = await w.backups.listBackups('orders', 10);
    assert.deepEqual(backups.map((b) => [b.backupId, b.trigger, b.requestedBy, b.status]), [[TODAY, 'timer', 'autopilot', 'Running']]);
    assert.deepEqual([(await w.state.getOperation(TODAY))?.kind, (await w.state.getOperation(TODAY))?.trigger], ['BackupCluster', 'timer']);
  });

  it('does not start the same snapshot again on later ticks, and starts the next day\'s once it comes', async () => {
    const w = await backupApiWorld();
    await startDueBackups(w.deps, w.deps.now());
    w.instances.set(TODAY, 'Completed');
    await w.state.updateLease('orders', (lease) => ({ ...lease, holders: [] }));
    w.clock.now += 15 * 60_000;
    assert.deepEqual(await startDueBackups(w.deps, w.deps.now()), []);
    w.clock.now = Date.parse('2026-01-11T02:00:01.000Z');
    assert.deepEqual(await startDueBackups(w.deps, w.deps.now()),
      [{ cluster: 'orders', outcome: 'started', operationId: 'backup-orders-20260111T020000' }]);
    assert.equal(w.started.length, 2);
  });

  it('starts the day\'s snapshot though a safety backup of some tables was taken since its occurrence', async () => {
    const w = await backupApiWorld();
    await w.backups.createBackup(backupRecord('orders', 'r-1-safety', 9 * 24 + 3, { status: 'Complete', tables: ['customers_ks.t'] }));
    assert.deepEqual(await startDueBackups(w.deps, w.deps.now()), [{ cluster: 'orders', outcome: 'started', operationId: TODAY }]);
  });

  it('skips a cluster a topology change holds (reported, not thrown), starts the others, and leaves clusters not Ready alone', async () => {
    const w = await backupApiWorld({ orders: 'Ready', payments: 'Ready', building: 'Provisioning' });
    await w.state.updateLease('orders', (lease) => ({ ...lease, holders: [{ operationId: 'deploy-2', instanceId: 'deploy-2', kind: 'DeployCluster',
      requestedBy: 'ci', claimedAt: '2026-01-10T11:59:00.000Z', expiresAt: '2026-01-10T12:01:00.000Z' }] }));
    w.instances.set('deploy-2', 'Running');
    const outcomes = await startDueBackups(w.deps, w.deps.now());
    assert.deepEqual(outcomes.map((o) => [o.cluster, o.outcome]), [['orders', 'skipped'], ['payments', 'started']]);
    assert.match(outcomes[0]?.reason ?? '', /^CASSOPS_CLUSTER_BUSY: Operation 'deploy-2'/);
    assert.deepEqual([await w.backups.listBackups('orders', 10), await w.backups.listBackups('building', 10)], [[], []]);
    assert.deepEqual(w.started.map((s) => s.instanceId), ['backup-payments-20260110T020000']);
  });

  it('reports a snapshot schedule that does not parse instead of starting anything', async () => {
    const w = await backupApiWorld();
    const cluster = (await w.state.getCluster('orders'))!;
    await w.state.replaceCluster({ ...cluster, spec: { ...(cluster.spec as object), schedules: { snapshot: { schedule: '0 0 99 * * *' } } } });
    assert.deepEqual(await startDueBackups(w.deps, w.deps.now()),
      [{ cluster: 'orders', outcome: 'skipped', reason: "backup schedule '0 0 99 * * *' does not parse" }]);
    assert.equal(w.started.length, 0);
  });
});
