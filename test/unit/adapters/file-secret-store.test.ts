import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSecretStore } from '../../../shared/adapters/secrets/file-secret-store.js';
import { describeSecretStoreContract } from '../../contract/secret-store-contract.js';

// A local file is fast enough for the unit run; Key Vault, the other real store, cannot run here.
const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'nested', 'secrets.json');
const store = new FileSecretStore(path);

describeSecretStoreContract('FileSecretStore', () => store);

it('FileSecretStore: the file is owner-only (0600, in a 0700 dir) and another instance reads it', async () => {
  await store.setSecret('c9-superuser', 'value');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(join(dir, 'nested')).mode & 0o077, 0);
  assert.equal(await new FileSecretStore(path).getSecret('c9-superuser'), 'value');
  assert.equal(JSON.parse(readFileSync(path, 'utf8'))['c9-superuser'], 'value');
});
