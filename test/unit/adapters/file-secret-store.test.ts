import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSecretStore } from '../../../shared/adapters/secrets/file-secret-store.js';

describe('FileSecretStore', () => {
  it('keeps secrets in a file only its owner can read, and survives concurrent writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    try {
      const path = join(dir, 'nested', 'secrets.json');
      const store = new FileSecretStore(path);
      await Promise.all(['a', 'b', 'c'].map((n) => store.setSecret(`c1-${n}`, `value-${n}`)));
      assert.equal(statSync(path).mode & 0o777, 0o600);
      assert.equal(statSync(join(dir, 'nested')).mode & 0o077, 0);
      assert.equal(await new FileSecretStore(path).getSecret('c1-b'), 'value-b');
      await store.deleteSecret('c1-b');
      await store.deleteSecret('c1-b');
      assert.equal(await store.getSecret('c1-b'), undefined);
      assert.deepEqual(Object.keys(JSON.parse(readFileSync(path, 'utf8'))).sort(), ['c1-a', 'c1-c']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses names Key Vault would refuse', async () => {
    await assert.rejects(new FileSecretStore('/nonexistent/x').setSecret('bad name', 'v'), TypeError);
  });
});
