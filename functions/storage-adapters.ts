import { QueueClient } from '@azure/storage-queue';
import { TableStateStore } from '../shared/adapters/state/table-state-store.js';
import { TableHealthStore } from '../shared/adapters/state/table-health-store.js';
import { TableRepairStore } from '../shared/adapters/state/table-repair-store.js';
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
  events: ClusterEventsQueue;
  alerts: HealthAlertsQueue;
}

/** Tables and queues from the connection string (Azurite, keys) or the endpoints and the app's identity. */
export function storageAdaptersFrom(app: AppSettings, settings: HealthSettings): StorageAdapters {
  if (app.AzureWebJobsStorage) {
    const connection = app.AzureWebJobsStorage;
    const queue = (name: string) => new QueueClient(connection, name);
    return { state: new TableStateStore({ connectionString: connection }), health: TableHealthStore.fromConnectionString(connection),
      repairs: new TableRepairStore({ connectionString: connection }),
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
    repairs: new TableRepairStore({ tableServiceUri: tables, credential }),
    events: new ClusterEventsQueue(queue(CLUSTER_EVENTS_QUEUE)), alerts: new HealthAlertsQueue(queue(HEALTH_ALERTS_QUEUE)) };
}

/** Creates the health tables and both queues once, before first use (the state and repair stores create their own). */
export async function ensureStorage(storage: StorageAdapters): Promise<void> {
  await Promise.all([storage.health.ensureTables(), storage.events.ensureQueue(), storage.alerts.ensureQueue()]);
}
