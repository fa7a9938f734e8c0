import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DefaultAzureCredential } from '@azure/identity';
import { QueueClient } from '@azure/storage-queue';
import type { DurableClient } from 'durable-functions';
import { createArmClients } from '../shared/adapters/arm/create-arm-clients.js';
import { createArmCredential } from '../shared/adapters/arm/create-arm-credential.js';
import { FileSecretStore } from '../shared/adapters/secrets/file-secret-store.js';
import { KeyVaultSecretStore } from '../shared/adapters/secrets/key-vault-secret-store.js';
import { superuserSecretName, type SecretStore } from '../shared/adapters/secrets/secret-store.js';
import { TableStateStore } from '../shared/adapters/state/table-state-store.js';
import { TableHealthStore } from '../shared/adapters/state/table-health-store.js';
import { ClusterEventsQueue, CLUSTER_EVENTS_QUEUE } from '../shared/adapters/queues/cluster-events-queue.js';
import { SUPERUSER_ROLE } from '../shared/activities/with-cluster-session.js';
import { createHealthActivities } from '../shared/activities/health/health-activities.js';
import type { HealthApiDeps, HealthChecks } from '../shared/api/health-api-deps.js';
import { HEALTH_ORCHESTRATIONS } from '../shared/contracts/health-io.js';
import { readAppSettings, type AppSettings } from './app-settings.js';
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
  const secrets = secretStore(app);
  const activities = createHealthActivities({
    state, health, events, compute: armCompute(app), thresholds: settings.thresholds, cqlPort: app.AUTOPILOT_CQL_PORT,
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

function azureCredential(app: AppSettings) {
  const clientId = app.AzureWebJobsStorage__clientId ?? app.AUTOPILOT_MANAGED_IDENTITY_CLIENT_ID;
  return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
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

/** The same ARM client and secret store the deploy composition root builds, from the same settings. */
function armCompute(app: AppSettings) {
  const local = app.AUTOPILOT_TARGET === 'local';
  const caPem = local ? readFileSync(app.AUTOPILOT_ARM_CA_FILE as string, 'utf8') : undefined;
  const credential = local
    ? createArmCredential({ kind: 'simulator', authorityHost: app.AUTOPILOT_ARM_ENDPOINT as string, tenantId: app.AUTOPILOT_ARM_TENANT_ID as string,
      clientId: app.AUTOPILOT_ARM_CLIENT_ID as string, clientSecret: app.AUTOPILOT_ARM_CLIENT_SECRET as string, caPem: caPem as string })
    : createArmCredential({ kind: 'azure', ...(app.AUTOPILOT_MANAGED_IDENTITY_CLIENT_ID ? { managedIdentityClientId: app.AUTOPILOT_MANAGED_IDENTITY_CLIENT_ID } : {}) });
  return createArmClients({ subscriptionId: app.AUTOPILOT_SUBSCRIPTION_ID, credential,
    ...(app.AUTOPILOT_ARM_ENDPOINT ? { endpoint: app.AUTOPILOT_ARM_ENDPOINT } : {}), ...(caPem ? { caPem } : {}) }).compute;
}

function secretStore(app: AppSettings): SecretStore {
  return app.AUTOPILOT_TARGET === 'local'
    ? new FileSecretStore(app.AUTOPILOT_SECRET_FILE as string)
    : new KeyVaultSecretStore(app.AUTOPILOT_KEY_VAULT_URL as string, azureCredential(app));
}
