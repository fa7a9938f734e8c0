import { TableRepairStore } from '../../../shared/adapters/state/table-repair-store.js';
import { describeRepairStoreContract } from '../../contract/repair-store-contract.js';
import { useAzurite } from '../../support/azurite-fixture.js';

let store: TableRepairStore;
useAzurite('repair-store', (azurite) => {
  store = new TableRepairStore({ connectionString: azurite.connectionString, tablePrefix: 't' });
});

describeRepairStoreContract('TableRepairStore on Azurite', () => store);
