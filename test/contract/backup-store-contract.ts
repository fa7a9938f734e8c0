import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupStore } from '../../shared/domain/ports/backup-store.js';
import { backupRecord, drillRecord } from '../support/backup-fixtures.js';

/**
 * The BackupStore contract: the Table adapter on Azurite and the in-memory twin run these same
 * cases, so the twin cannot drift from the real store. Each case uses its own cluster names.
 */
export function describeBackupStoreContract(name: string, store: () => BackupStore): void {
  describe(`BackupStore contract: ${name}`, () => {
    it('inserts a backup once: a second create of its id returns the stored one and changes nothing', async () => {
      assert.deepEqual(await store().createBackup(backupRecord('c1', 'b1')), backupRecord('c1', 'b1'));
      const again = await store().createBackup(backupRecord('c1', 'b1', 5, { requestedBy: 'someone else' }));
      assert.equal(again.requestedBy, 'tester');
      assert.deepEqual((await store().listBackups('c1', 10)).map((b) => b.backupId), ['b1']);
      assert.equal(await store().getBackup('c1-other', 'b1'), undefined);
      assert.equal(await store().getBackup('c1', 'nope'), undefined);
    });

    it('lists a cluster\'s backups newest first, at most `limit`, and nothing of another cluster', async () => {
      for (const [id, hour] of [['a', 3], ['b', 1], ['c', 7], ['d', 5]] as const) await store().createBackup(backupRecord('c2', `bk-${id}`, hour));
      await store().createBackup(backupRecord('c2-else', 'bk-z', 9));
      assert.deepEqual((await store().listBackups('c2', 10)).map((b) => b.backupId), ['bk-c', 'bk-d', 'bk-a', 'bk-b']);
      assert.deepEqual((await store().listBackups('c2', 2)).map((b) => b.backupId), ['bk-c', 'bk-d']);
      assert.deepEqual(await store().listBackups('c2', 0), []);
    });

    it('updates a backup read-modify-write: racing changes are all kept, undefined writes nothing, a missing one is NOT_FOUND', async () => {
      await store().createBackup(backupRecord('c3', 'b3'));
      await Promise.all(['n1', 'n2', 'n3', 'n4', 'n5'].map((node) =>
        store().updateBackup('c3', 'b3', (b) => ({ ...b, nodesDone: [...b.nodesDone, node], stats: { ...b.stats, newBytes: b.stats.newBytes + 10 } }))));
      const stored = await store().getBackup('c3', 'b3');
      assert.deepEqual([stored?.nodesDone.slice().sort(), stored?.stats.newBytes], [['n1', 'n2', 'n3', 'n4', 'n5'], 50]);
      assert.equal((await store().updateBackup('c3', 'b3', () => undefined)).stats.newBytes, 50);
      await assert.rejects(store().updateBackup('c3', 'missing', (b) => b), { code: 'CASSOPS_BACKUP_NOT_FOUND' });
      await assert.rejects(store().updateBackup('c3-else', 'b3', (b) => b), { code: 'CASSOPS_BACKUP_NOT_FOUND' });
    });

    it('keeps a completed backup\'s status, stats, drill summary and error as written', async () => {
      await store().createBackup(backupRecord('c4', 'b4'));
      const done = await store().updateBackup('c4', 'b4', (b) => ({ ...b, status: 'Complete', endedAt: '2026-01-01T01:00:00.000Z', durationMs: 3_600_000,
        nodesDone: ['n1', 'n2', 'n3'], manifestBlob: 'backups/b4/manifest.json', stats: { files: 30, bytes: 9_000_000_000_000, newFiles: 3, newBytes: 700 },
        latestDrill: { drillId: 'd1', status: 'Succeeded', endedAt: '2026-01-02T00:00:00.000Z', rpoSeconds: 3600, rtoSeconds: 900 } }));
      assert.deepEqual(await store().getBackup('c4', 'b4'), done);
      await store().updateBackup('c4', 'b4', (b) => ({ ...b, status: 'Failed', error: { code: 'CASSOPS_NODE_SCRIPT_FAILED', message: 'x' } }));
      assert.equal((await store().getBackup('c4', 'b4'))?.error?.code, 'CASSOPS_NODE_SCRIPT_FAILED');
    });

    it('deletes a backup (twice, harmlessly) and its place in the listing; its id can be created afresh', async () => {
      await store().createBackup(backupRecord('c5', 'old', 1));
      await store().createBackup(backupRecord('c5', 'new', 2));
      await store().deleteBackup('c5', 'old');
      await store().deleteBackup('c5', 'old');
      await store().deleteBackup('c5', 'never-was');
      assert.equal(await store().getBackup('c5', 'old'), undefined);
      assert.deepEqual((await store().listBackups('c5', 10)).map((b) => b.backupId), ['new']);
      await store().createBackup(backupRecord('c5', 'old', 3));
      assert.deepEqual((await store().listBackups('c5', 10)).map((b) => b.backupId), ['old', 'new']);
    });

    it('deletes a backup whose recorded time was rewritten, index and all: it neither stays nor lists', async () => {
      await store().createBackup(backupRecord('aging', 'aged', 5));
      await store().updateBackup('aging', 'aged', (b) => ({ ...b, createdAt: backupRecord('aging', 'aged', -240).createdAt }));
      await store().deleteBackup('aging', 'aged');
      assert.equal(await store().getBackup('aging', 'aged'), undefined);
      assert.deepEqual(await store().listBackups('aging', 10), []);
      await store().createBackup(backupRecord('aging', 'aged', 6));
      assert.deepEqual((await store().listBackups('aging', 10)).map((b) => b.backupId), ['aged'], 'no stale index row lists it twice');
    });

    it('keeps drills apart from backups: insert once, newest first, update with RPO and RTO, NOT_FOUND', async () => {
      await store().createDrill(drillRecord('c6', 'd1', 1));
      await store().createDrill(drillRecord('c6', 'd2', 2));
      await store().createDrill(drillRecord('c6', 'd1', 9, { targetCluster: 'other' }));
      assert.deepEqual((await store().listDrills('c6', 10)).map((d) => d.drillId), ['d2', 'd1']);
      assert.deepEqual(await store().listBackups('c6', 10), []);
      const ended = await store().updateDrill('c6', 'd1', (d) => ({ ...d, status: 'Succeeded', endedAt: '2026-01-01T02:00:00.000Z', rpoSeconds: 7200,
        rtoSeconds: 1800, tablesChecked: 4, rowsChecked: 1000 }));
      assert.deepEqual(await store().getDrill('c6', 'd1'), ended);
      assert.equal(ended.targetCluster, 'c6-drill');
      await assert.rejects(store().updateDrill('c6', 'nope', (d) => d), { code: 'CASSOPS_DRILL_NOT_FOUND' });
    });

    it('keeps ids with characters Table keys refuse', async () => {
      await store().createBackup(backupRecord('c7', 'odd/id#1?'));
      assert.equal((await store().getBackup('c7', 'odd/id#1?'))?.backupId, 'odd/id#1?');
      assert.deepEqual((await store().listBackups('c7', 5)).map((b) => b.backupId), ['odd/id#1?']);
    });

    it('deletes every backup and drill of a cluster and nothing of another; a second delete is harmless', async () => {
      for (const cluster of ['c8', 'c8-kept']) {
        for (let i = 0; i < 60; i++) await store().createBackup(backupRecord(cluster, `b${i}`, i));
        await store().createDrill(drillRecord(cluster, 'd1'));
      }
      await store().deleteClusterBackups('c8');
      await store().deleteClusterBackups('c8');
      assert.deepEqual(await store().listBackups('c8', 100), []);
      assert.deepEqual(await store().listDrills('c8', 10), []);
      assert.equal(await store().getBackup('c8', 'b1'), undefined);
      assert.equal((await store().listBackups('c8-kept', 100)).length, 60);
      assert.equal((await store().listDrills('c8-kept', 10)).length, 1);
    });
  });
}
