import { InMemoryBlobStore } from '../../../shared/adapters/memory/in-memory-blob-store.js';
import { describeBlobStoreContract } from '../../contract/blob-store-contract.js';

const store = new InMemoryBlobStore();
describeBlobStoreContract('InMemoryBlobStore', () => store);
