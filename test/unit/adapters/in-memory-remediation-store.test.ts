import { InMemoryRemediationStore } from '../../../shared/adapters/memory/in-memory-remediation-store.js';
import { describeRemediationStoreContract } from '../../contract/remediation-store-contract.js';

const store = new InMemoryRemediationStore();
describeRemediationStoreContract('InMemoryRemediationStore', () => store);
