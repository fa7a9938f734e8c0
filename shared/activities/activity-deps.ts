import type { StateStore } from '../domain/ports/state-store.js';
import type { ArmPort } from '../domain/ports/arm-port.js';
import type { CqlPort } from '../domain/ports/cql-port.js';
import type { EventsQueue } from '../domain/ports/events-queue.js';
import type { NodeAgentPort } from '../domain/ports/node-agent-port.js';
import type { SecretStore } from '../domain/ports/secret-store.js';
import type { CertificateIssuer } from '../domain/ports/certificate-issuer.js';
import type { HealthStore } from '../domain/health/health-store.js';
import type { HealthThresholds } from '../domain/health/health-thresholds.js';
import type { RepairStore } from '../domain/ports/repair-store.js';
import type { BackupStore } from '../domain/ports/backup-store.js';
import type { BlobStore } from '../domain/ports/blob-store.js';
import type { OrchestrationClient } from '../domain/ports/orchestration-client.js';
import type { BackupApiDeps } from '../api/backup-api-deps.js';

/** The ports every activity (deploy, health, repair) uses, built once by the composition root. */
export interface ActivityDeps {
  state: StateStore;
  health: HealthStore;
  /** Repair runs, their segments and the ledger (removed with the cluster's records). */
  repairs: RepairStore;
  /** Backup and drill records. */
  backups: BackupStore;
  /** The cluster's backup container (created on first use): manifests, plans and every node's files. */
  backupBlobs(clusterName: string): Promise<BlobStore>;
  /** What starting a restore or a delete needs, for a drill's activities (they start those operations). */
  backupApi(orchestrations: OrchestrationClient): BackupApiDeps;
  arm: ArmPort;
  agent: NodeAgentPort;
  cql: CqlPort;
  secrets: SecretStore;
  /** Issues each node's TLS certificate from its cluster's CA (kept in `secrets`). */
  certificates: CertificateIssuer;
  events: EventsQueue;
  /** The health thresholds from the app settings. */
  thresholds: HealthThresholds;
  /** How far each progress record extends the operation's hold on its cluster's lease. */
  leaseTtlInMs: number;
  /**
   * How long one join probe keeps reading a node that is not joined yet, in the session it
   * opened, before it answers "not yet" (absent or 0: one read). The orchestration's timer
   * between rounds leaves gaps; a watching probe sees the join within a fraction of a second.
   */
  joinWatchInMs?: number;
  /** The app's own resource group (AUTOPILOT_APP_RESOURCE_GROUP), never created into nor deleted. */
  appResourceGroup?: string | undefined;
}

/** What an activity may use beyond its input: the durable client, for the few that start other operations. */
export interface ActivityContext {
  orchestrations(): OrchestrationClient;
}
