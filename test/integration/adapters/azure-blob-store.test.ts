import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { AzureBlobStore } from '../../../shared/adapters/blobs/azure-blob-store.js';
import { describeBlobStoreContract } from '../../contract/blob-store-contract.js';
import { useAzurite } from '../../support/azurite-fixture.js';

let store: AzureBlobStore;
let other: AzureBlobStore;
useAzurite('blob-store', async (azurite) => {
  store = new AzureBlobStore(new ContainerClient(azurite.connectionString, 'backups'));
  await store.ensureContainer();
  // A second ensure must succeed: every cold start runs it against an existing container.
  await store.ensureContainer();
  other = new AzureBlobStore(new ContainerClient(azurite.connectionString, 'backups-other'));
  await other.ensureContainer();
});

describeBlobStoreContract('AzureBlobStore on Azurite', () => store);

describe('AzureBlobStore upload SAS on Azurite', () => {
  it('is a service SAS that writes, stages blocks and reads in its own container, and neither lists, deletes nor reaches another', async () => {
    const sas = await store.issueUploadSas({ expiresInMs: 600_000 });
    assert.equal(sas.signedWith, 'accountKey');
    const blob = new BlockBlobClient(`${sas.containerUrl}/nodes/n1/data/f?${sas.reveal()}`);
    await blob.stageBlock('YmxvY2s=', Buffer.from('abc'), 3);
    await blob.commitBlockList(['YmxvY2s='], { metadata: { sha256: 'x' } });
    assert.equal(Buffer.from(await blob.downloadToBuffer()).toString(), 'abc');
    assert.deepEqual((await store.list('nodes/n1/')).map((b) => [b.name, b.metadata?.sha256]), [['nodes/n1/data/f', 'x']]);
    await assert.rejects(blob.delete(), { statusCode: 403 });
    const container = new ContainerClient(`${sas.containerUrl}?${sas.reveal()}`);
    await assert.rejects(container.listBlobsFlat().next(), { statusCode: 403 });
    const elsewhere = new BlockBlobClient(`${sas.containerUrl.replace(/backups$/, 'backups-other')}/f?${sas.reveal()}`);
    await assert.rejects(elsewhere.upload('x', 1), { statusCode: 403 });
  });

  it('refuses everything once expired', async () => {
    const sas = await store.issueUploadSas({ expiresInMs: 1000, now: new Date(Date.now() - 60_000) });
    const blob = new BlockBlobClient(`${sas.containerUrl}/late?${sas.reveal()}`);
    await assert.rejects(blob.upload('x', 1), { statusCode: 403 });
  });
});
