import { TableBackupStore } from '../../../shared/adapters/state/table-backup-store.js';
import { describeBackupStoreContract } from '../../contract/backup-store-contract.js';
import { useAzurite } from '../../support/azurite-fixture.js';

let store: TableBackupStore;
useAzurite('backup-store', (azurite) => {
  store = new TableBackupStore({ connectionString: azurite.connectionString, tablePrefix: 't' });
});

describeBackupStoreContract('TableBackupStore on Azurite', () => store);
