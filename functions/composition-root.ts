import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DefaultAzureCredential } from '@azure/identity';
import { createArmClients, type ArmClients } from '../shared/adapters/arm/create-arm-clients.js';
import { createArmCredential } from '../shared/adapters/arm/create-arm-credential.js';
import { ArmDeployer } from '../shared/adapters/arm/arm-deployer.js';
import { RunCommandNodeAgent } from '../shared/adapters/node-agent/run-command-node-agent.js';
import { FileSecretStore } from '../shared/adapters/secrets/file-secret-store.js';
import { KeyVaultSecretStore } from '../shared/adapters/secrets/key-vault-secret-store.js';
import type { SecretStore } from '../shared/adapters/secrets/secret-store.js';
import type { OrchestrationClient } from '../shared/domain/ports/orchestration-client.js';
import { TableStateStore } from '../shared/adapters/state/table-state-store.js';
import { createActivities, type ActivityHandler } from '../shared/activities/create-activities.js';
import type { ActivityDeps } from '../shared/activities/activity-deps.js';
import type { ClusterApiDeps } from '../shared/api/cluster-api-deps.js';
import type { ActivityName } from '../shared/contracts/names.js';
import { renderCloudInit } from '../shared/domain/render/render-cloud-init.js';
import { readAppSettings, type AppSettings } from './app-settings.js';

/** Everything the registrations hand work to, built once per process from the app settings. */
export interface Services {
  settings: AppSettings;
  activities: Record<ActivityName, ActivityHandler>;
  api(orchestrations: OrchestrationClient): ClusterApiDeps;
}

let services: Services | undefined;

/** Builds the services on first use (so a bad setting fails the call that needs it, with its name). */
export function getServices(): Services {
  services ??= buildServices(readAppSettings(process.env));
  return services;
}

/** The app's own identity on Azure (the user-assigned managed identity when its client id is set). */
export function azureCredential(settings: AppSettings): DefaultAzureCredential {
  const id = settings.AUTOPILOT_MANAGED_IDENTITY_CLIENT_ID ?? settings.AzureWebJobsStorage__clientId;
  return new DefaultAzureCredential(id ? { managedIdentityClientId: id } : {});
}

/** The ARM clients for the app's target: Azure with its identity, or the local simulator trusted by its CA. */
export function armClientsFrom(settings: AppSettings): ArmClients {
  const local = settings.AUTOPILOT_TARGET === 'local';
  const caPem = local ? readFileSync(settings.AUTOPILOT_ARM_CA_FILE as string, 'utf8') : undefined;
  const credential = local
    ? createArmCredential({ kind: 'simulator', authorityHost: settings.AUTOPILOT_ARM_ENDPOINT as string, tenantId: settings.AUTOPILOT_ARM_TENANT_ID as string,
      clientId: settings.AUTOPILOT_ARM_CLIENT_ID as string, clientSecret: settings.AUTOPILOT_ARM_CLIENT_SECRET as string, caPem: caPem as string })
    : createArmCredential({ kind: 'azure', ...(settings.AUTOPILOT_MANAGED_IDENTITY_CLIENT_ID ? { managedIdentityClientId: settings.AUTOPILOT_MANAGED_IDENTITY_CLIENT_ID } : {}) });
  return createArmClients({ subscriptionId: settings.AUTOPILOT_SUBSCRIPTION_ID, credential,
    ...(settings.AUTOPILOT_ARM_ENDPOINT ? { endpoint: settings.AUTOPILOT_ARM_ENDPOINT } : {}), ...(caPem ? { caPem } : {}) });
}

/** Where the cluster superuser's password lives: Key Vault on Azure, an owner-only file locally. */
export function secretStoreFrom(settings: AppSettings): SecretStore {
  return settings.AUTOPILOT_TARGET === 'local'
    ? new FileSecretStore(settings.AUTOPILOT_SECRET_FILE as string)
    : new KeyVaultSecretStore(settings.AUTOPILOT_KEY_VAULT_URL as string, azureCredential(settings));
}

function buildServices(settings: AppSettings): Services {
  const clients = armClientsFrom(settings);
  const secrets = secretStoreFrom(settings);
  const state = new TableStateStore(settings.AzureWebJobsStorage
    ? { connectionString: settings.AzureWebJobsStorage }
    : { tableServiceUri: settings.AzureWebJobsStorage__tableServiceUri as string, credential: azureCredential(settings) });
  const deps: ActivityDeps = {
    state, secrets,
    arm: new ArmDeployer(clients, { subscriptionId: settings.AUTOPILOT_SUBSCRIPTION_ID, pollIntervalInMs: settings.AUTOPILOT_ARM_POLL_INTERVAL_MS,
      sshPublicKey: settings.AUTOPILOT_SSH_PUBLIC_KEY, clusterTag: 'autopilot-cluster' }),
    agent: new RunCommandNodeAgent(clients.compute, { conflictDelayInMs: settings.AUTOPILOT_RUN_COMMAND_CONFLICT_DELAY_MS, pollIntervalInMs: settings.AUTOPILOT_ARM_POLL_INTERVAL_MS }),
    cql: { port: settings.AUTOPILOT_CQL_PORT, connectTimeoutInMs: 5_000 },
    leaseTtlInMs: settings.AUTOPILOT_LEASE_TTL_MS,
  };
  return {
    settings,
    activities: createActivities(deps),
    api: (orchestrations) => ({
      state, orchestrations, leaseTtlInMs: settings.AUTOPILOT_LEASE_TTL_MS, target: settings.AUTOPILOT_TARGET, subscriptionId: settings.AUTOPILOT_SUBSCRIPTION_ID,
      renderCustomData: (plan, node) => Buffer.from(renderCloudInit(plan, node), 'utf8').toString('base64'),
      settings: { joinTimeoutInMs: settings.AUTOPILOT_JOIN_TIMEOUT_MS, joinPollIntervalInMs: settings.AUTOPILOT_JOIN_POLL_INTERVAL_MS,
        nodeConcurrency: settings.AUTOPILOT_NODE_CONCURRENCY },
      now: () => new Date(),
      newId: () => randomUUID(),
    }),
  };
}
