import { TableRemediationStore } from '../../../shared/adapters/state/table-remediation-store.js';
import { describeRemediationStoreContract } from '../../contract/remediation-store-contract.js';
import { useAzurite } from '../../support/azurite-fixture.js';

let store: TableRemediationStore;
useAzurite('remediation-store', (azurite) => {
  store = new TableRemediationStore({ connectionString: azurite.connectionString, tablePrefix: 't' });
});

describeRemediationStoreContract('TableRemediationStore on Azurite', () => store);
