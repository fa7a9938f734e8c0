import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAzurite, type AzuriteInstance } from '../azurite/start-azurite.js';
import { startArmSimulator, type ArmSimulator } from '../arm-sim/start-arm-simulator.js';
import { CassandraGuestDriver } from '../cassandra/cassandra-guest-driver.js';
import { startFunctionHost, type FunctionHostProcess } from '../func-host/start-function-host.js';
import { KEY_ROLES_SETTING } from '../func-host/http/auth-keys.js';

/** The subscription the local stack's app manages (the one the example specs name). */
export const LOCAL_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';

export interface StartLocalStackOptions {
  /** Everything the stack keeps (storage, simulator state, Cassandra nodes, secrets) lives here. */
  stateDir: string;
  /** The Functions host's port; a free one when omitted. */
  port?: number;
  /** `instant` for tests, `realistic` for Azure-like ARM timings. */
  profile?: 'instant' | 'realistic';
  latencyScale?: number;
  /** App settings to add or override (tests shorten waits). */
  appSettings?: Record<string, string>;
  onHostLine?: (line: string) => void;
}

/** One key per app role: the host calls its caller by the key's name and gives it that role. */
export interface LocalStackKeys {
  reader: string;
  operator: string;
  admin: string;
  /** The host's master key: admin endpoints, timer runs by hand, and the Admin role on the API. */
  master: string;
}

/**
 * Named host keys for the three roles, as the local host's settings: the stand-in for Entra ID's
 * app role assignments (roles only ever come with a name, never with a bare key). Keys are
 * secrets: never log them.
 */
export function localStackKeys(): { keys: LocalStackKeys; hostSettings: Record<string, string> } {
  const key = () => randomBytes(24).toString('base64url');
  const keys: LocalStackKeys = { reader: key(), operator: key(), admin: key(), master: key() };
  return { keys, hostSettings: {
    FUNCTIONS_HOST_KEY: `reader:${keys.reader},operator:${keys.operator},admin:${keys.admin}`,
    FUNCTIONS_MASTER_KEY: keys.master,
    [KEY_ROLES_SETTING]: JSON.stringify({ reader: ['Reader'], operator: ['Operator'], admin: ['Admin'], master: ['Admin'] }),
  } };
}

/** A running local stack. Its keys authenticate API calls: they are secrets, never log them. */
export interface LocalStack {
  apiUrl: string;
  /** The `admin` key (the Admin role): what the quick start and the end-to-end tests call with. */
  functionKey: string;
  /** One key per role, and the master key. */
  keys: LocalStackKeys;
  /** The host's master key (admin endpoints, timer runs by hand). */
  masterKey: string;
  azurite: AzuriteInstance;
  sim: ArmSimulator;
  host: FunctionHostProcess;
  guests: CassandraGuestDriver;
  /** Starts the host again with the same settings (after a crash test killed it). */
  restartHost(): Promise<FunctionHostProcess>;
  /** Stops host, simulator, Cassandra nodes and Azurite, each by its own pid. */
  stop(): Promise<void>;
}

const APP_DIR = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/**
 * Starts the embedded local stack on loopback: Azurite, the ARM simulator with Cassandra guests,
 * and the local Functions host running this app in local mode, wired together with app settings.
 * If a part fails to start, the parts already running are stopped before the error is thrown.
 */
export async function startLocalStack(o: StartLocalStackOptions): Promise<LocalStack> {
  const started: (() => Promise<void>)[] = [];
  try {
    const azurite = await startAzurite({ location: join(o.stateDir, 'azurite') });
    started.push(() => azurite.stop());
    const guests = new CassandraGuestDriver({ rootDir: join(o.stateDir, 'guests') });
    started.push(() => guests.close());
    const sim = await startArmSimulator({ stateDir: join(o.stateDir, 'arm-sim'), profile: o.profile ?? 'instant', guestDriver: guests,
      ...(o.latencyScale ? { latencyScale: o.latencyScale } : {}) });
    started.push(() => sim.stop());
    const caFile = join(o.stateDir, 'arm-sim-ca.pem');
    await writeFile(caFile, sim.caPem);
    await mkdir(join(o.stateDir, 'secrets'), { recursive: true, mode: 0o700 });
    const { keys, hostSettings } = localStackKeys();
    const env = { ...localAppSettings({ stateDir: o.stateDir, sim, caFile }), ...hostSettings, ...(o.appSettings ?? {}) };
    const launch = () => startFunctionHost({ appDir: APP_DIR, storageConnectionString: azurite.connectionString, env, hubName: 'AutopilotLocal',
      ...(o.port ? { port: o.port } : {}), ...(o.onHostLine ? { onLine: o.onHostLine } : {}) });
    let host = await launch();
    started.push(() => host.stop());
    return {
      get apiUrl() { return host.url; }, functionKey: keys.admin, keys, masterKey: keys.master, azurite, sim, guests,
      get host() { return host; },
      async restartHost() { host = await launch(); return host; },
      async stop() { for (const stop of started.reverse()) await stop().catch(() => undefined); },
    };
  } catch (error) {
    for (const stop of started.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

/** The app's settings for the local target, wired to the simulator and the stack's state directory. */
export function localAppSettings(o: { stateDir: string; sim: ArmSimulator; caFile: string }): Record<string, string> {
  return {
    AUTOPILOT_TARGET: 'local',
    AUTOPILOT_SUBSCRIPTION_ID: LOCAL_SUBSCRIPTION_ID,
    AUTOPILOT_ARM_ENDPOINT: o.sim.endpoint,
    AUTOPILOT_ARM_CA_FILE: o.caFile,
    AUTOPILOT_ARM_TENANT_ID: o.sim.tenantId,
    AUTOPILOT_ARM_CLIENT_ID: o.sim.clientId,
    AUTOPILOT_ARM_CLIENT_SECRET: o.sim.clientSecret,
    AUTOPILOT_SECRET_FILE: join(o.stateDir, 'secrets', 'secrets.json'),
    AUTOPILOT_ARM_POLL_INTERVAL_MS: '200',
    AUTOPILOT_JOIN_POLL_INTERVAL_MS: '3000',
    AUTOPILOT_JOIN_TIMEOUT_MS: '240000',
    AUTOPILOT_RUN_COMMAND_CONFLICT_DELAY_MS: '1000',
  };
}
