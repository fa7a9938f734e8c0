import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { drillClusterName } from '../../../shared/api/start-drill.js';
import { startDueDrills } from '../../../shared/api/start-due-drills.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import { backupRecord } from '../../support/backup-fixtures.js';
import { backupApiWorld } from '../../support/backup-api-world.js';

// The fixture spec drills on Saturdays at 04:00 UTC; the clock reads Saturday 2026-01-10 12:00.
const SATURDAY = 'drill-orders-20260110T040000';
const complete = (id: string, hour: number) => backupRecord('orders', id, hour, { status: 'Complete', manifestBlob: `backups/${id}/manifest.json` });

describe('startDueDrills (the drill timer)', () => {
  it('drills the newest Complete backup of a due cluster, by the product, under the occurrence\'s id, once', async () => {
    const w = await backupApiWorld();
    for (const b of [complete('b1', 200), backupRecord('orders', 'b2', 220, { status: 'Partial', nodesMissing: ['n3'] })]) await w.backups.createBackup(b);
    assert.deepEqual(await startDueDrills(w.deps, w.deps.now()), [{ cluster: 'orders', outcome: 'started', operationId: SATURDAY }]);
    assert.deepEqual(w.started.map((s) => [s.name, s.instanceId]), [[ORCHESTRATIONS.drillBackup, SATURDAY]]);
    const [drill] = await w.backups.listDrills('orders', 10);
    assert.deepEqual([drill?.drillId, drill?.backupId, drill?.trigger, drill?.targetCluster], [SATURDAY, 'b1', 'timer', drillClusterName(SATURDAY)]);
    assert.equal((await w.state.getOperation(SATURDAY))?.requestedBy, 'autopilot');
    w.clock.now += 15 * 60_000;
    assert.deepEqual(await startDueDrills(w.deps, w.deps.now()), [], 'the occurrence has its drill');
  });

  it('reports a cluster with no Complete backup to drill as skipped, and drills it on a later tick once it has one', async () => {
    const w = await backupApiWorld();
    const [skipped] = await startDueDrills(w.deps, w.deps.now());
    assert.deepEqual([skipped?.outcome, skipped?.operationId], ['skipped', SATURDAY]);
    assert.match(skipped?.reason ?? '', /^CASSOPS_BACKUP_NOT_FOUND: Cluster 'orders' has no Complete backup to drill/);
    assert.deepEqual([w.started, await w.backups.listDrills('orders', 10)], [[], []]);
    await w.backups.createBackup(complete('b1', 220));
    w.clock.now += 15 * 60_000;
    assert.deepEqual((await startDueDrills(w.deps, w.deps.now())).map((o) => o.outcome), ['started']);
  });
});
