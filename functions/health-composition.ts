import { randomUUID } from 'node:crypto';
import { QueueClient } from '@azure/storage-queue';
import type { DurableClient } from 'durable-functions';
import { superuserSecretName } from '../shared/adapters/secrets/secret-store.js';
import { TableStateStore } from '../shared/adapters/state/table-state-store.js';
import { TableHealthStore } from '../shared/adapters/state/table-health-store.js';
import { ClusterEventsQueue, CLUSTER_EVENTS_QUEUE } from '../shared/adapters/queues/cluster-events-queue.js';
import { SUPERUSER_ROLE } from '../shared/activities/with-cluster-session.js';
import { createHealthActivities } from '../shared/activities/health/health-activities.js';
import type { HealthApiDeps, HealthChecks } from '../shared/api/health-api-deps.js';
import { HEALTH_ORCHESTRATIONS } from '../shared/contracts/health-io.js';
import { readAppSettings, type AppSettings } from './app-settings.js';
import { armClientsFrom, azureCredential, secretStoreFrom } from './composition-root.js';
import { readHealthSettings, type HealthSettings } from './health-settings.js';

/** The queue accepted alerts wait on between the webhook's 202 and the worker. */
export const HEALTH_ALERTS_QUEUE = 'health-alerts';

export interface HealthRuntime {
  settings: HealthSettings;
  activities: Record<string, (input: never) => Promise<unknown>>;
  api(client: DurableClient): HealthApiDeps;
}

let runtime: Promise<HealthRuntime> | undefined;

/** Builds health's services once per process, creating its tables and queues on first use. */
export function getHealthRuntime(): Promise<HealthRuntime> {
  runtime ??= buildRuntime(readAppSettings(process.env), readHealthSettings(process.env));
  runtime.catch(() => { runtime = undefined; });
  return runtime;
}

async function buildRuntime(app: AppSettings, settings: HealthSettings): Promise<HealthRuntime> {
  const storage = healthStorage(app, settings);
  const { health, state } = storage;
  const events = new ClusterEventsQueue(storage.queue(CLUSTER_EVENTS_QUEUE));
  const alerts = storage.queue(HEALTH_ALERTS_QUEUE);
  await Promise.all([health.ensureTables(), events.ensureQueue(), alerts.createIfNotExists()]);
  const secrets = secretStoreFrom(app);
  const activities = createHealthActivities({
    state, health, events, compute: armClientsFrom(app).compute, thresholds: settings.thresholds, cqlPort: app.AUTOPILOT_CQL_PORT,
    probeScript: { dataDirectory: settings.dataDirectory }, now: () => new Date(),
    cqlCredentials: async (cluster) => {
      const password = await secrets.getSecret(superuserSecretName(cluster));
      return password ? { username: SUPERUSER_ROLE, password } : undefined;
    },
  });
  return {
    settings, activities,
    api: (client) => ({
      state, health, checks: checks(client), now: () => new Date(), newId: () => randomUUID(),
      enqueueAlert: async (alert) => { await alerts.sendMessage(Buffer.from(JSON.stringify(alert), 'utf8').toString('base64')); },
    }),
  };
}

/** Tables and queues from the connection string (Azurite, keys) or the endpoints and the app's identity. */
function healthStorage(app: AppSettings, settings: HealthSettings) {
  if (app.AzureWebJobsStorage) {
    const connection = app.AzureWebJobsStorage;
    return { health: TableHealthStore.fromConnectionString(connection), state: new TableStateStore({ connectionString: connection }),
      queue: (name: string) => new QueueClient(connection, name) };
  }
  if (!settings.queueServiceUri) throw new Error('CASSOPS_CONFIG_INVALID: health settings: AzureWebJobsStorage__queueServiceUri is required without AzureWebJobsStorage');
  const credential = azureCredential(app);
  const tables = app.AzureWebJobsStorage__tableServiceUri as string;
  const queues = settings.queueServiceUri.replace(/\/$/, '');
  return { health: TableHealthStore.fromTableServiceUri(tables, credential), state: new TableStateStore({ tableServiceUri: tables, credential }),
    queue: (name: string) => new QueueClient(`${queues}/${name}`, credential) };
}

function checks(client: DurableClient): HealthChecks {
  return {
    start: async (cluster, checkId, trigger) => {
      await client.startNew(HEALTH_ORCHESTRATIONS.checkClusterHealth, { instanceId: checkId, input: { cluster, checkId, trigger } });
    },
    status: async (checkId) => {
      const status = await client.getStatus(checkId).catch(() => undefined);
      return status?.runtimeStatus ? { runtimeStatus: String(status.runtimeStatus), output: status.output, customStatus: status.customStatus } : undefined;
    },
  };
}

