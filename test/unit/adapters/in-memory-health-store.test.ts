import { InMemoryHealthStore } from '../../../shared/adapters/memory/in-memory-health-store.js';
import { describeHealthStoreContract } from '../../contract/health-store-contract.js';

const store = new InMemoryHealthStore();
describeHealthStoreContract('InMemoryHealthStore', () => store);
