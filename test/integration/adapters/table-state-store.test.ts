import { TableStateStore } from '../../../shared/adapters/state/table-state-store.js';
import { describeStateStoreContract } from '../../contract/state-store-contract.js';
import { useAzurite } from '../../support/azurite-fixture.js';

let store: TableStateStore;
useAzurite('state-store', (azurite) => {
  store = new TableStateStore({ connectionString: azurite.connectionString, tablePrefix: 't' });
});

describeStateStoreContract('TableStateStore on Azurite', () => store);
