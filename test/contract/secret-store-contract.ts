import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SecretStore } from '../../shared/domain/ports/secret-store.js';

/**
 * The SecretStore contract: the file store and the in-memory twin run these same cases (Key
 * Vault cannot run here), so the twin cannot drift from the store the local stack uses.
 */
export function describeSecretStoreContract(name: string, store: () => SecretStore): void {
  describe(`SecretStore contract: ${name}`, () => {
    it('round-trips a secret and replaces it on a second set', async () => {
      await store().setSecret('c1-superuser', 'first');
      assert.equal(await store().getSecret('c1-superuser'), 'first');
      await store().setSecret('c1-superuser', 'second');
      assert.equal(await store().getSecret('c1-superuser'), 'second');
    });

    it('answers undefined for a secret that was never set', async () => {
      assert.equal(await store().getSecret('nobody-superuser'), undefined);
    });

    it('deletes a secret, and deleting it again (or one never set) succeeds', async () => {
      await store().setSecret('c2-superuser', 'value');
      await store().setSecret('c2-other', 'kept');
      await store().deleteSecret('c2-superuser');
      await store().deleteSecret('c2-superuser');
      await store().deleteSecret('never-set');
      assert.equal(await store().getSecret('c2-superuser'), undefined);
      assert.equal(await store().getSecret('c2-other'), 'kept');
    });

    it('keeps every one of concurrent writes', async () => {
      await Promise.all(['a', 'b', 'c'].map((n) => store().setSecret(`c3-${n}`, `value-${n}`)));
      const values = await Promise.all(['a', 'b', 'c'].map((n) => store().getSecret(`c3-${n}`)));
      assert.deepEqual(values, ['value-a', 'value-b', 'value-c']);
    });

    it('refuses names Key Vault would refuse', async () => {
      await assert.rejects(store().setSecret('bad name', 'v'));
      await assert.rejects(store().setSecret('x'.repeat(128), 'v'));
    });
  });
}
