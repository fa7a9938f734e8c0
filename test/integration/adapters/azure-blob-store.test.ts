import { ContainerClient } from '@azure/storage-blob';
import { AzureBlobStore } from '../../../shared/adapters/blobs/azure-blob-store.js';
import { describeBlobStoreContract } from '../../contract/blob-store-contract.js';
import { useAzurite } from '../../support/azurite-fixture.js';

let store: AzureBlobStore;
useAzurite('blob-store', async (azurite) => {
  store = new AzureBlobStore(new ContainerClient(azurite.connectionString, 'backups'));
  await store.ensureContainer();
  // A second ensure must succeed: every cold start runs it against an existing container.
  await store.ensureContainer();
});

describeBlobStoreContract('AzureBlobStore on Azurite', () => store);
