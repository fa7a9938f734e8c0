import { InMemoryStateStore } from '../../../shared/adapters/memory/in-memory-state-store.js';
import { describeStateStoreContract } from '../../contract/state-store-contract.js';

const store = new InMemoryStateStore();
describeStateStoreContract('InMemoryStateStore', () => store);
