import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTableRestoreActivities } from '../../../shared/activities/table-restore-activities.js';
import { startTableRestore } from '../../../shared/api/start-table-restore.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { TableRestoreRef } from '../../../shared/contracts/backup-io.js';
import { backupManifest, MANIFEST_TABLES, storeBackup } from '../../support/backup-fixtures.js';
import { tableRestoreWorld } from '../../support/table-restore-world.js';

const REF: TableRestoreRef = { clusterName: 'orders', restoreId: 'run-1', backupId: 'b-1', tables: ['ks1.users', 'ks2.events'] };

/** The world with in-place restore run-1 of REF's tables started (it holds the cluster's lease). */
async function started() {
  const w = await tableRestoreWorld();
  await startTableRestore(w.api.deps, { clusterName: 'orders', backupId: 'b-1', tables: REF.tables, operationId: 'run-1', requestedBy: 'ada', trigger: 'api' });
  const activities = createTableRestoreActivities(w.deps);
  const context = { orchestrations: () => w.api.deps.orchestrations };
  return { ...w, activities, context };
}

describe('startSafetyBackup', () => {
  it('starts a backup of the restore\'s tables beside the running restore, under the restore\'s id, once however often it is retried', async () => {
    const w = await started();
    assert.deepEqual(await w.activities.startSafetyBackup(REF, w.context), { ok: true, value: { operationId: 'run-1-safety' } });
    assert.deepEqual(await w.activities.startSafetyBackup(REF, w.context), { ok: true, value: { operationId: 'run-1-safety' } });
    assert.deepEqual(w.api.started.map((s) => [s.name, s.instanceId]), [[ORCHESTRATIONS.restoreTables, 'run-1'], [ORCHESTRATIONS.backupCluster, 'run-1-safety']]);
    const backup = await w.api.backups.getBackup('orders', 'run-1-safety');
    assert.deepEqual([backup?.status, backup?.tables], ['Running', REF.tables]);
    assert.deepEqual((await w.api.state.readLease('orders')).holders.map((h) => h.kind), ['RestoreTables', 'BackupCluster']);
  });
});

describe('truncateTables', () => {
  const safety = async (w: Awaited<ReturnType<typeof started>>, change: Parameters<typeof backupManifest>[2] = {}, status: 'Complete' | 'Partial' = 'Complete') =>
    storeBackup(w.api.deps, backupManifest(w.plan, 'run-1-safety', change), status);

  it('empties each table that exists with the backup\'s id and nothing else; one dropped since has nothing to empty', async () => {
    const w = await started();
    w.cql.dropKeyspace('ks2');
    await safety(w, { tables: MANIFEST_TABLES.filter((t) => t.keyspace !== 'ks2') });
    assert.deepEqual(await w.activities.truncateTables(REF), { ok: true, value: { truncated: 1 } });
    assert.deepEqual([await w.rows('ks1', 'users'), await w.rows('ks1', 'orders')], [0, 2]);
  });

  it('empties nothing unless the safety backup is Complete', async () => {
    const w = await started();
    await safety(w, {}, 'Partial');
    const result = await w.activities.truncateTables(REF);
    assert.deepEqual(result.ok ? undefined : result.error.code, 'CASSOPS_BACKUP_NOT_RESTORABLE');
    assert.deepEqual([await w.rows('ks1', 'users'), await w.rows('ks2', 'events')], [2, 2]);
  });

  it('empties nothing while a node is down, naming it (TRUNCATE needs every node)', async () => {
    const w = await started();
    await safety(w);
    w.engine.setDown(w.plan.nodes[1]!.privateIp, true);
    const result = await w.activities.truncateTables(REF);
    assert.equal(result.ok ? undefined : result.error.code, 'CASSOPS_CLUSTER_UNHEALTHY');
    assert.match(result.ok ? '' : result.error.message, /down: orders-dc1-002\b/);
    assert.deepEqual([await w.rows('ks1', 'users'), await w.rows('ks2', 'events')], [2, 2]);
  });

  it('empties nothing when a table was dropped and created again since the backup (another id), naming it', async () => {
    const w = await started();
    const otherId = '0f0f0f0f-0000-4000-8000-000000000001';
    await safety(w, { tables: MANIFEST_TABLES.map((t) => (t.table === 'events' ? { ...t, tableId: otherId } : t)) });
    const result = await w.activities.truncateTables(REF);
    assert.equal(result.ok ? undefined : result.error.code, 'CASSOPS_RESTORE_SCHEMA_CONFLICT');
    assert.match(result.ok ? '' : result.error.message, new RegExp(`ks2\\.events \\(id ${otherId}, the backup's 7e7e0a30`));
    assert.deepEqual([await w.rows('ks1', 'users'), await w.rows('ks2', 'events')], [2, 2]);
  });
});
