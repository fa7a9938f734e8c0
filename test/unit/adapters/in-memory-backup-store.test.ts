import { InMemoryBackupStore } from '../../../shared/adapters/memory/in-memory-backup-store.js';
import { describeBackupStoreContract } from '../../contract/backup-store-contract.js';

const store = new InMemoryBackupStore();
describeBackupStoreContract('InMemoryBackupStore', () => store);
