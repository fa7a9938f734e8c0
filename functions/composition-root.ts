import { randomUUID } from 'node:crypto';
import { ArmDeployer } from '../shared/adapters/arm/arm-deployer.js';
import { CLUSTER_TAG } from '../shared/domain/topology/azure-names.js';
import { DriverCqlAdapter } from '../shared/adapters/cql/driver-cql-adapter.js';
import { RunCommandNodeAgent } from '../shared/adapters/node-agent/run-command-node-agent.js';
import { createActivities, type ActivityHandler } from '../shared/activities/create-activities.js';
import type { ReplaceApiDeps } from '../shared/api/replace-requests.js';
import { readNodesUp } from '../shared/activities/cluster-lookup.js';
import { ensureClusterCa } from '../shared/activities/cluster-tls.js';
import { SelfsignedCertificateIssuer } from '../shared/adapters/x509/selfsigned-certificate-issuer.js';
import type { OrchestrationClient } from '../shared/domain/ports/orchestration-client.js';
import type { HealthApiDeps, HealthChecks } from '../shared/api/health-api-deps.js';
import type { RepairApiDeps } from '../shared/api/repair-api-deps.js';
import type { BackupApiDeps } from '../shared/api/backup-api-deps.js';
import type { RemediationDeps } from '../shared/api/remediate-health-change.js';
import { repairSettingsOf } from '../shared/domain/repair/repair-settings.js';
import type { ActivityName } from '../shared/contracts/names.js';
import { readAppSettings, type AppSettings } from './app-settings.js';
import { armClientsFrom, secretStoreFrom } from './arm-adapters.js';
import { readHealthSettings, type HealthSettings } from './health-settings.js';
import { ensureStorage, storageAdaptersFrom } from './storage-adapters.js';

/** Everything the registrations hand work to, built once per process from the app settings. */
export interface Services {
  settings: AppSettings;
  healthSettings: HealthSettings;
  activities: Record<ActivityName, ActivityHandler>;
  clusterApi(orchestrations: OrchestrationClient): ReplaceApiDeps;
  healthApi(checks: HealthChecks): HealthApiDeps;
  repairApi(orchestrations: OrchestrationClient): RepairApiDeps;
  backupApi(orchestrations: OrchestrationClient): BackupApiDeps;
  remediationApi(orchestrations: OrchestrationClient): RemediationDeps;
}

let services: Promise<Services> | undefined;

/** A join probe's watch at most: probes run AUTOPILOT_NODE_CONCURRENCY at a time, and a batch lasts as long as its longest watch. */
const MAX_JOIN_WATCH_IN_MS = 30_000;

/**
 * Builds the services on first use, creating tables and queues once (so a bad setting fails the
 * call that needs it, with its name); a failed build is retried by the next call.
 */
export function getServices(): Promise<Services> {
  services ??= buildServices(readAppSettings(process.env), readHealthSettings(process.env));
  services.catch(() => { services = undefined; });
  return services;
}

async function buildServices(settings: AppSettings, healthSettings: HealthSettings): Promise<Services> {
  const storage = storageAdaptersFrom(settings, healthSettings);
  await ensureStorage(storage);
  const clients = armClientsFrom(settings);
  const now = () => new Date();
  // One adapter for the activities and the API's ownership reads.
  const arm = new ArmDeployer(clients, { subscriptionId: settings.AUTOPILOT_SUBSCRIPTION_ID,
    pollIntervalInMs: settings.AUTOPILOT_ARM_POLL_INTERVAL_MS, sshPublicKey: settings.AUTOPILOT_SSH_PUBLIC_KEY, clusterTag: CLUSTER_TAG, now });
  const appResourceGroup = settings.AUTOPILOT_APP_RESOURCE_GROUP;
  const secrets = secretStoreFrom(settings);
  const cql = new DriverCqlAdapter({ port: settings.AUTOPILOT_CQL_PORT, connectTimeoutInMs: 5_000, now });
  const certificates = new SelfsignedCertificateIssuer({ now });
  const clusterApi = (orchestrations: OrchestrationClient): ReplaceApiDeps => ({
    state: storage.state, orchestrations, arm, appResourceGroup, leaseTtlInMs: settings.AUTOPILOT_LEASE_TTL_MS,
    target: settings.AUTOPILOT_TARGET, subscriptionId: settings.AUTOPILOT_SUBSCRIPTION_ID,
    settings: { joinTimeoutInMs: settings.AUTOPILOT_JOIN_TIMEOUT_MS, joinPollIntervalInMs: settings.AUTOPILOT_JOIN_POLL_INTERVAL_MS,
      nodeConcurrency: settings.AUTOPILOT_NODE_CONCURRENCY, firstBoot: settings.AUTOPILOT_FIRST_BOOT },
    now, newId: () => randomUUID(), readNodesUp: (cluster) => readNodesUp({ cql, secrets }, cluster),
    ensureClusterCa: (clusterName) => ensureClusterCa(secrets, certificates, clusterName),
  });
  const backupApi = (orchestrations: OrchestrationClient): BackupApiDeps => ({
    ...clusterApi(orchestrations), backups: storage.backups, backupBlobs: storage.backupBlobs });
  const activities = createActivities({
    state: storage.state, health: storage.health, repairs: storage.repairs, backups: storage.backups, backupBlobs: storage.backupBlobs,
    backupApi, events: storage.events, secrets, certificates,
    thresholds: healthSettings.thresholds,
    leaseTtlInMs: settings.AUTOPILOT_LEASE_TTL_MS, arm, appResourceGroup,
    // Two poll intervals: a probe round watches the ring twice as long as the timer between rounds leaves it unwatched.
    joinWatchInMs: Math.min(2 * settings.AUTOPILOT_JOIN_POLL_INTERVAL_MS, MAX_JOIN_WATCH_IN_MS),
    agent: new RunCommandNodeAgent(clients.compute, { conflictDelayInMs: settings.AUTOPILOT_RUN_COMMAND_CONFLICT_DELAY_MS,
      pollIntervalInMs: settings.AUTOPILOT_ARM_POLL_INTERVAL_MS, probeScript: { dataDirectory: healthSettings.dataDirectory }, now }),
    cql,
  });
  return {
    settings, healthSettings, activities, clusterApi, backupApi,
    remediationApi: (orchestrations) => ({ ...clusterApi(orchestrations), remediations: storage.remediations }),
    healthApi: (checks) => ({ state: storage.state, health: storage.health, alerts: storage.alerts, checks, now, newId: () => randomUUID() }),
    repairApi: (orchestrations) => ({ state: storage.state, orchestrations, repairs: storage.repairs,
      leaseTtlInMs: settings.AUTOPILOT_LEASE_TTL_MS, settingsOf: repairSettingsOf, now, newId: () => randomUUID() }),
  };
}
