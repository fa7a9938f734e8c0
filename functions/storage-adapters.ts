import { QueueClient } from '@azure/storage-queue';
import { TableStateStore } from '../shared/adapters/state/table-state-store.js';
import { TableHealthStore } from '../shared/adapters/state/table-health-store.js';
import { TableRepairStore } from '../shared/adapters/state/table-repair-store.js';
import { TableBackupStore } from '../shared/adapters/state/table-backup-store.js';
import { TableRemediationStore } from '../shared/adapters/state/table-remediation-store.js';
import { AzureBlobStore } from '../shared/adapters/blobs/azure-blob-store.js';
import { backupContainerName } from '../shared/domain/backup/backup-blob-layout.js';
import type { BlobStore } from '../shared/domain/ports/blob-store.js';
import { BlobServiceClient } from '@azure/storage-blob';
import { ClusterEventsQueue, CLUSTER_EVENTS_QUEUE } from '../shared/adapters/queues/cluster-events-queue.js';
import { HealthAlertsQueue, HEALTH_ALERTS_QUEUE } from '../shared/adapters/queues/health-alerts-queue.js';
import type { AppSettings } from './app-settings.js';
import type { HealthSettings } from './health-settings.js';
import { azureCredential } from './arm-adapters.js';
import { configInvalid } from './app-settings.js';

/** The app's tables and queues, each adapter built once. */
export interface StorageAdapters {
  state: TableStateStore;
  health: TableHealthStore;
  repairs: TableRepairStore;
  backups: TableBackupStore;
  remediations: TableRemediationStore;
  /** A cluster's backup container, created on first use per process. */
  backupBlobs(clusterName: string): Promise<BlobStore>;
  events: ClusterEventsQueue;
  alerts: HealthAlertsQueue;
}

/** Tables and queues from the connection string (Azurite, keys) or the endpoints and the app's identity. */
export function storageAdaptersFrom(app: AppSettings, settings: HealthSettings): StorageAdapters {
  if (app.AzureWebJobsStorage) {
    const connection = app.AzureWebJobsStorage;
    const queue = (name: string) => new QueueClient(connection, name);
    return { state: new TableStateStore({ connectionString: connection }), health: TableHealthStore.fromConnectionString(connection),
      repairs: new TableRepairStore({ connectionString: connection }), backups: new TableBackupStore({ connectionString: connection }),
      remediations: new TableRemediationStore({ connectionString: connection }),
      backupBlobs: backupContainers(app.AUTOPILOT_BACKUP_BLOB_ENDPOINT
        ? new BlobServiceClient(app.AUTOPILOT_BACKUP_BLOB_ENDPOINT, azureCredential(app)) : BlobServiceClient.fromConnectionString(connection)),
      events: new ClusterEventsQueue(queue(CLUSTER_EVENTS_QUEUE)), alerts: new HealthAlertsQueue(queue(HEALTH_ALERTS_QUEUE)) };
  }
  if (!settings.queueServiceUri) {
    throw configInvalid('app settings', [{ path: 'AzureWebJobsStorage__queueServiceUri', message: 'is required without AzureWebJobsStorage' }]);
  }
  const credential = azureCredential(app);
  const tables = app.AzureWebJobsStorage__tableServiceUri as string;
  const queues = settings.queueServiceUri.replace(/\/$/, '');
  const queue = (name: string) => new QueueClient(`${queues}/${name}`, credential);
  return { state: new TableStateStore({ tableServiceUri: tables, credential }), health: TableHealthStore.fromTableServiceUri(tables, credential),
    repairs: new TableRepairStore({ tableServiceUri: tables, credential }), backups: new TableBackupStore({ tableServiceUri: tables, credential }),
    remediations: new TableRemediationStore({ tableServiceUri: tables, credential }),
    backupBlobs: backupContainers(new BlobServiceClient(app.AUTOPILOT_BACKUP_BLOB_ENDPOINT as string, credential)),
    events: new ClusterEventsQueue(queue(CLUSTER_EVENTS_QUEUE)), alerts: new HealthAlertsQueue(queue(HEALTH_ALERTS_QUEUE)) };
}

/** Creates the health tables and both queues once, before first use (the state and repair stores create their own). */
export async function ensureStorage(storage: StorageAdapters): Promise<void> {
  await Promise.all([storage.health.ensureTables(), storage.events.ensureQueue(), storage.alerts.ensureQueue()]);
}

/** Each cluster's container on the backup account, created once per process (a failed create is tried again by the next call). */
function backupContainers(service: BlobServiceClient): (clusterName: string) => Promise<BlobStore> {
  const ready = new Map<string, Promise<BlobStore>>();
  return (clusterName) => {
    let store = ready.get(clusterName);
    if (!store) {
      const blobs = new AzureBlobStore(service.getContainerClient(backupContainerName(clusterName)));
      store = blobs.ensureContainer().then(() => blobs);
      store.catch(() => ready.delete(clusterName));
      ready.set(clusterName, store);
    }
    return store;
  };
}
