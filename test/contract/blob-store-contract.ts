import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { UPLOAD_SAS_MAX_MS, type BlobStore } from '../../shared/domain/ports/blob-store.js';

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

    it('keeps metadata with lowercase keys, lists it, and drops it when a put without metadata replaces the blob', async () => {
      await store().put('c4/f', 'abc', { metadata: { sha256: 'ab'.repeat(32), Origin: 'n1' } });
      await store().put('c4/g', 'x');
      assert.deepEqual(await store().list('c4/'), [
        { name: 'c4/f', sizeInBytes: 3, metadata: { sha256: 'ab'.repeat(32), origin: 'n1' } },
        { name: 'c4/g', sizeInBytes: 1 },
      ]);
      await store().put('c4/f', 'abcd');
      assert.deepEqual(await store().list('c4/f'), [{ name: 'c4/f', sizeInBytes: 4 }]);
    });

    it('issues an upload SAS for the container that JSON and inspect show redacted, within the lifetime asked', async () => {
      const now = new Date();
      const sas = await store().issueUploadSas({ expiresInMs: 3_600_000, now });
      assert.equal(sas.permissions, 'rcw');
      assert.ok(Math.abs(Date.parse(sas.expiresOn) - (now.getTime() + 3_600_000)) < 1000);
      assert.ok(sas.reveal().length > 10 && !sas.reveal().startsWith('?'));
      assert.ok(!sas.containerUrl.includes('?'));
      for (const shown of [JSON.stringify(sas), JSON.stringify({ nested: [sas] }), inspect(sas), String(sas), `${sas}`]) {
        assert.ok(!shown.includes(sas.reveal()), `leaked in ${shown}`);
        assert.match(shown, /redacted/);
      }
      await assert.rejects(store().issueUploadSas({ expiresInMs: 0 }), RangeError);
      await assert.rejects(store().issueUploadSas({ expiresInMs: UPLOAD_SAS_MAX_MS + 1 }), RangeError);
    });
  });
}
