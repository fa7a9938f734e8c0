import { InMemorySecretStore } from '../../../shared/adapters/memory/in-memory-secret-store.js';
import { describeSecretStoreContract } from '../../contract/secret-store-contract.js';

const store = new InMemorySecretStore();
describeSecretStoreContract('InMemorySecretStore', () => store);
