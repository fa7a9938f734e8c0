import { InMemoryRepairStore } from '../../../shared/adapters/memory/in-memory-repair-store.js';
import { describeRepairStoreContract } from '../../contract/repair-store-contract.js';

const store = new InMemoryRepairStore();
describeRepairStoreContract('InMemoryRepairStore', () => store);
