import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { createBackupActivities } from '../../../shared/activities/backup-activities.js';
import { startBackup } from '../../../shared/api/start-backup.js';
import { dataBlobName, inventoryBlobName, storedListingBlobName } from '../../../shared/domain/backup/backup-blob-layout.js';
import type { SnapshotFile } from '../../../shared/domain/backup/backup-model.js';
import { parseStoredListing } from '../../../shared/domain/backup/snapshot-inventory.js';
import type { OperationRef } from '../../../shared/contracts/activity-io.js';
import { backupApiWorld } from '../../support/backup-api-world.js';
import { snapshotFile } from '../../support/backup-fixtures.js';

const FILES = [snapshotFile('nb-1-big-Data.db', 5000), snapshotFile('nb-1-big-Index.db', 300), snapshotFile('nb-2-big-Data.db', 70)];
const inventoryText = (files: SnapshotFile[]) => files
  .map((f) => [f.keyspace, `${f.table}-${f.tableId.replace(/-/g, '')}`, f.name, f.size, f.checksum].join('\t')).join('\n');
const JOB_DETAIL = 'files=3 bytes=5370 new-files=3 new-bytes=5370 uploaded=3 skipped=0 sent=5370 reused-blocks=0 snapshot-ms=2100 transfer-ms=850';

/** Backup `backupId` of cluster `orders` started, with n1's activities on the twins. */
async function world(backupId: string, existing?: Awaited<ReturnType<typeof backupApiWorld>>) {
  const api = existing ?? await backupApiWorld({ orders: 'Ready' });
  await startBackup(api.deps, { clusterName: 'orders', operationId: backupId, requestedBy: 'ada', trigger: 'api' });
  const activities = createBackupActivities({ state: api.state, backups: api.backups, backupBlobs: api.deps.backupBlobs } as unknown as ActivityDeps);
  const blobs = await api.deps.backupBlobs('orders');
  const operation: OperationRef = { operationId: backupId, clusterName: 'orders', kind: 'BackupCluster' };
  /** What n1's backup job does: its inventory, then the files' blobs with their checksums. */
  const node = async (files: SnapshotFile[], upload: SnapshotFile[]) => {
    await blobs.put(inventoryBlobName(backupId, 'n1'), inventoryText(files));
    for (const f of upload) await blobs.put(dataBlobName('n1', f), 'x'.repeat(f.size), { metadata: { sha256: f.checksum } });
  };
  return { api, activities, blobs, operation, node, ref: { clusterName: 'orders', backupId, node: 'n1' } };
}

describe('a node\'s backup job, as the app lists for it and records it', () => {
  it('counts the node\'s share against the listing taken before its job, keeps the job\'s times, and refuses a job that left a file unstored', async () => {
    const w = await world('b-1');
    await w.activities.listStoredBlobs(w.ref);
    assert.deepEqual(parseStoredListing(Buffer.from((await w.blobs.get(storedListingBlobName('b-1', 'n1')))!).toString()), []);

    await w.node(FILES, FILES.slice(0, 2));
    const missing = await w.activities.recordBackupNode({ ...w.ref, jobDetail: JOB_DETAIL, operation: w.operation });
    assert.equal(missing.ok, false);
    assert.match(missing.ok ? '' : missing.error.message, /1 file\(s\) are not stored as planned: ks1\/users\/nb-2-big-Data\.db/);
    assert.deepEqual((await w.api.backups.getBackup('orders', 'b-1'))?.nodesDone, [], 'the node\'s word is not the proof');

    await w.node(FILES, FILES);
    assert.deepEqual(await w.activities.recordBackupNode({ ...w.ref, jobDetail: JOB_DETAIL, operation: w.operation }), { ok: true, value: undefined });
    const backup = await w.api.backups.getBackup('orders', 'b-1');
    assert.deepEqual(backup?.nodesDone, ['n1']);
    assert.deepEqual(backup?.stats, { files: 3, bytes: 5370, newFiles: 3, newBytes: 5370 }, 'every file new: the listing before the job was empty');
    assert.deepEqual(backup?.nodeTimes, { n1: { snapshotMs: 2100, transferMs: 850 } });
  });

  it('counts only what the job added in a later backup, though every file is stored once it ended', async () => {
    const first = await world('b-1');
    await first.activities.listStoredBlobs(first.ref);
    await first.node(FILES, FILES);
    await first.activities.recordBackupNode({ ...first.ref, jobDetail: JOB_DETAIL, operation: first.operation });
    await first.api.state.finishOperation('b-1', { status: 'Succeeded', at: '2026-01-01T00:10:00.000Z' });
    await first.api.state.updateLease('orders', (lease) => ({ ...lease, holders: [] }));

    const w = await world('b-2', first.api);
    await w.activities.listStoredBlobs(w.ref);
    assert.deepEqual(parseStoredListing(Buffer.from((await w.blobs.get(storedListingBlobName('b-2', 'n1')))!).toString()).map((b) => b.name).sort(),
      FILES.map((f) => dataBlobName('n1', f)).sort());
    const added = snapshotFile('nb-3-big-Data.db', 40);
    await w.node([...FILES, added], [added]);
    assert.deepEqual(await w.activities.recordBackupNode({ ...w.ref, operation: w.operation }), { ok: true, value: undefined });
    const backup = await w.api.backups.getBackup('orders', 'b-2');
    assert.deepEqual(backup?.stats, { files: 4, bytes: 5410, newFiles: 1, newBytes: 40 });
    assert.equal(backup?.nodeTimes, undefined, 'a job that reported no times records none');
  });
});
