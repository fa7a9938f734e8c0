import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TableClient } from '@azure/data-tables';
import { startAzurite } from '../../../local/azurite/start-azurite.js';

test('Azurite starts on loopback, stores a table entity and stops by pid', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'azurite-'));
  const azurite = await startAzurite({ location: dir });
  try {
    assert.match(azurite.tableEndpoint, /^http:\/\/127\.0\.0\.1:\d+\//);
    const table = TableClient.fromConnectionString(azurite.connectionString, 'smoke', { allowInsecureConnection: true });
    await table.createTable();
    await table.upsertEntity({ partitionKey: 'p', rowKey: 'r', value: 42 });
    const entity = await table.getEntity<{ value: number }>('p', 'r');
    assert.equal(entity.value, 42);
  } finally {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => process.kill(azurite.pid, 0), /ESRCH/);
});
