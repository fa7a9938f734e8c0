import type { ArmDeployer } from '../adapters/arm/arm-deployer.js';
import type { RunCommandNodeAgent } from '../adapters/node-agent/run-command-node-agent.js';
import type { SecretStore } from '../adapters/secrets/secret-store.js';
import type { StateStore } from '../domain/ports/state-store.js';

/** CQL settings shared by the activities that talk to Cassandra. */
export interface CqlSettings {
  port: number;
  connectTimeoutInMs: number;
}

/** The adapters the activities use, built once by the composition root. */
export interface ActivityDeps {
  state: StateStore;
  arm: ArmDeployer;
  agent: RunCommandNodeAgent;
  secrets: SecretStore;
  cql: CqlSettings;
  /** How far each progress record extends the operation's hold on its cluster's lease. */
  leaseTtlInMs: number;
}
