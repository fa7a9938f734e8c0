import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backupContainerName, dataBlobName, inventoryBlobName, manifestBlobName, uploadPlanBlobName }
  from '../../../../shared/domain/backup/backup-blob-layout.js';
import { snapshotFile } from '../../../support/backup-fixtures.js';

/** Blob storage's container name rule. */
const CONTAINER = /^(?=.{3,63}$)[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/;

describe('backup blob layout', () => {
  it('names a valid container for every cluster name, distinct for distinct clusters', () => {
    const names = ['abc', 'prod-eu', 'a'.repeat(24), 'a--b', 'a-b', 'a---b', 'x1--2--3'];
    const containers = names.map(backupContainerName);
    for (const c of containers) assert.match(c, CONTAINER);
    assert.equal(new Set(containers).size, names.length);
    assert.equal(backupContainerName('prod-eu'), 'backups-prod-eu');
  });

  it('puts a file under its node, table and checksum, and a backup\'s own blobs under its id', () => {
    const file = snapshotFile('nb-1-big-Data.db', 10);
    assert.equal(dataBlobName('n1', file), `nodes/n1/data/ks1/users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b/${file.checksum}/nb-1-big-Data.db`);
    assert.equal(manifestBlobName('b1'), 'backups/b1/manifest.json');
    assert.equal(inventoryBlobName('b1', 'n1'), 'backups/b1/inventory/n1.tsv');
    assert.equal(uploadPlanBlobName('b1', 'n1'), 'backups/b1/plans/n1.tsv');
  });
});
