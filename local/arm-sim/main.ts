#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import type { GuestDriver } from './guest-driver.js';
import { startArmSimulator } from './start-arm-simulator.js';

/** A guest that does nothing: for exercising the ARM surface alone (Run Command returns empty output). */
const noGuest: GuestDriver = {
  runsRealProcesses: false,
  create: async () => undefined, start: async () => undefined, powerOff: async () => undefined,
  deallocate: async () => undefined, restart: async () => undefined, delete: async () => undefined,
  runScript: async () => ({ stdout: '', stderr: '', exitCode: 0 }), close: async () => undefined,
};

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('--port must be an integer from 0 to 65535.');
  return n;
}

function scale(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('--latency-scale must be a number ≥ 0.');
  return n;
}

const program = new Command('arm-sim')
  .description('Local Azure Resource Manager simulator for the Cassandra Autopilot: HTTPS on 127.0.0.1, driven by the real Azure SDK clients.')
  .requiredOption('--state-dir <dir>', 'directory for resources, the CA (ca.pem), credentials and the request log')
  .option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)', port, 0)
  .addOption(new Option('--profile <profile>', 'latency profile').choices(['instant', 'realistic']).default('instant'))
  .option('--latency-scale <factor>', 'multiplies the realistic profile durations', scale, 1)
  .addOption(new Option('--guest <driver>', 'what runs Run Command scripts').choices(['bash', 'none']).default('bash'));

program.parse();
const opts = program.opts<{ stateDir: string; port: number; profile: 'instant' | 'realistic'; latencyScale: number; guest: 'bash' | 'none' }>();
const sim = await startArmSimulator({
  stateDir: opts.stateDir, port: opts.port, profile: opts.profile, latencyScale: opts.latencyScale,
  ...(opts.guest === 'none' ? { guestDriver: noGuest } : {}),
});
// The connection facts a client needs, minus the secret: it stays in <state-dir>/identity.json.
console.log(JSON.stringify({ endpoint: sim.endpoint, tokenAuthorityHost: sim.tokenAuthorityHost, tenantId: sim.tenantId, clientId: sim.clientId, caFile: `${sim.stateDir}/ca.pem`, identityFile: `${sim.stateDir}/identity.json`, profile: opts.profile }));
const shutdown = (): void => { void sim.stop().then(() => process.exit(0)); };
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
