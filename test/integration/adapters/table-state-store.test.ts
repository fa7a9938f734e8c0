import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite, type AzuriteInstance } from '../../../local/azurite/start-azurite.js';
import { TableStateStore } from '../../../shared/adapters/state/table-state-store.js';
import { describeStateStoreContract } from '../../contract/state-store-contract.js';

let azurite: AzuriteInstance;
let dir: string;
let store: TableStateStore;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'state-store-'));
  azurite = await startAzurite({ location: dir });
  store = new TableStateStore({ connectionString: azurite.connectionString, tablePrefix: 't' });
});
after(async () => {
  await azurite.stop();
  rmSync(dir, { recursive: true, force: true });
});

describeStateStoreContract('TableStateStore on Azurite', () => store);
