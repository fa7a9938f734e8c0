import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import { startAzurite, type AzuriteInstance } from '../../../local/azurite/start-azurite.js';
import { AzureBlobStore } from '../../../shared/adapters/blobs/azure-blob-store.js';

describe('AzureBlobStore against Azurite (the BlobStore contract)', () => {
  let azurite: AzuriteInstance;
  let dir: string;
  let store: AzureBlobStore;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'blob-store-'));
    azurite = await startAzurite({ location: dir });
    store = new AzureBlobStore(new ContainerClient(azurite.connectionString, 'backups'));
    await store.ensureContainer();
    await store.ensureContainer();
  });

  after(async () => {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts, replaces and gets a blob by name; an absent blob is undefined', async () => {
    await store.put('c1/snap-1/manifest.json', '{"v":1}');
    await store.put('c1/snap-1/manifest.json', '{"v":2}');
    assert.equal(Buffer.from((await store.get('c1/snap-1/manifest.json'))!).toString('utf8'), '{"v":2}');
    await store.put('c1/snap-1/data.db', new Uint8Array([0, 1, 2, 255]));
    assert.deepEqual([...(await store.get('c1/snap-1/data.db'))!], [0, 1, 2, 255]);
    assert.equal(await store.get('c1/snap-9/manifest.json'), undefined);
  });

  it('lists by prefix in name order with sizes, and nothing outside the prefix', async () => {
    await store.put('c2/b', 'bb');
    await store.put('c2/a', 'a');
    await store.put('c20/x', 'x');
    assert.deepEqual(await store.list('c2/'), [{ name: 'c2/a', sizeInBytes: 1 }, { name: 'c2/b', sizeInBytes: 2 }]);
    assert.deepEqual(await store.list('nobody/'), []);
  });

  it('deletes a blob, and deleting it again succeeds', async () => {
    await store.put('c3/gone', 'x');
    await store.delete('c3/gone');
    await store.delete('c3/gone');
    assert.equal(await store.get('c3/gone'), undefined);
    assert.deepEqual(await store.list('c3/'), []);
  });
});
