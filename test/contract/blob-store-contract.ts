import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BlobStore } from '../../shared/domain/ports/blob-store.js';

const text = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/**
 * The BlobStore contract: the Azure adapter on Azurite and the in-memory twin run these same
 * cases, so the twin cannot drift from Blob storage.
 */
export function describeBlobStoreContract(name: string, store: () => BlobStore): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('puts, replaces and gets a blob by name; an absent blob is undefined', async () => {
      await store().put('c1/snap-1/manifest.json', '{"v":1}');
      await store().put('c1/snap-1/manifest.json', '{"v":2}');
      assert.equal(text(await store().get('c1/snap-1/manifest.json')), '{"v":2}');
      const bytes = new Uint8Array([0, 1, 2, 255]);
      await store().put('c1/snap-1/data.db', bytes);
      bytes[0] = 9;
      (await store().get('c1/snap-1/data.db'))![1] = 9;
      assert.deepEqual([...(await store().get('c1/snap-1/data.db'))!], [0, 1, 2, 255], 'stored bytes are not shared with callers');
      assert.equal(await store().get('c1/snap-9/manifest.json'), undefined);
    });

    it('lists by prefix in name order with sizes in bytes, and nothing outside the prefix', async () => {
      await store().put('c2/b', 'bb');
      await store().put('c2/a', 'é');
      await store().put('c20/x', 'x');
      assert.deepEqual(await store().list('c2/'), [{ name: 'c2/a', sizeInBytes: 2 }, { name: 'c2/b', sizeInBytes: 2 }]);
      assert.deepEqual(await store().list('nobody/'), []);
    });

    it('deletes a blob, and deleting it again succeeds', async () => {
      await store().put('c3/gone', 'x');
      await store().delete('c3/gone');
      await store().delete('c3/gone');
      assert.equal(await store().get('c3/gone'), undefined);
      assert.deepEqual(await store().list('c3/'), []);
    });
  });
}
