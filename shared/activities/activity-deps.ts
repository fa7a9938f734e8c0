import type { StateStore } from '../domain/ports/state-store.js';
import type { ArmPort } from '../domain/ports/arm-port.js';
import type { CqlPort } from '../domain/ports/cql-port.js';
import type { EventsQueue } from '../domain/ports/events-queue.js';
import type { NodeAgentPort } from '../domain/ports/node-agent-port.js';
import type { SecretStore } from '../domain/ports/secret-store.js';
import type { HealthStore } from '../domain/health/health-store.js';
import type { HealthThresholds } from '../domain/health/health-thresholds.js';

/** The ports every activity (deploy and health) uses, built once by the composition root. */
export interface ActivityDeps {
  state: StateStore;
  health: HealthStore;
  arm: ArmPort;
  agent: NodeAgentPort;
  cql: CqlPort;
  secrets: SecretStore;
  events: EventsQueue;
  /** The health thresholds from the app settings. */
  thresholds: HealthThresholds;
  /** How far each progress record extends the operation's hold on its cluster's lease. */
  leaseTtlInMs: number;
  /** The app's own resource group (AUTOPILOT_APP_RESOURCE_GROUP), never created into nor deleted. */
  appResourceGroup?: string | undefined;
}
