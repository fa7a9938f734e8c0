import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArmClients, type ArmClients } from '../../../shared/adapters/arm/create-arm-clients.js';
import { createArmCredential } from '../../../shared/adapters/arm/create-arm-credential.js';
import { startArmSimulator, type ArmSimulator, type StartArmSimulatorOptions } from '../../../local/arm-sim/start-arm-simulator.js';

export const SUBSCRIPTION = '00000000-0000-0000-0000-00000000a11c';
export const LOCATION = 'westeurope';
/** LRO options that keep the SDK from sleeping between polls. */
export const FAST = { updateIntervalInMs: 0 } as const;

/** A simulator in a fresh state directory, with the product's real clients pointed at it. */
export interface TestSimulator {
  sim: ArmSimulator;
  clients: ArmClients;
  stateDir: string;
  /** Restarts the simulator on the same state directory and port; clients are rebuilt. */
  restart(): Promise<void>;
  /** Stops the simulator and removes its state. */
  dispose(): Promise<void>;
  /** Calls the simulator's admin endpoint (the only hand-written HTTP in the tests). */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

/** Starts a simulator for one test file. */
export async function startTestSimulator(options: Partial<StartArmSimulatorOptions> = {}): Promise<TestSimulator> {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'arm-sim-'));
  let sim = await startArmSimulator({ ...options, stateDir });
  const build = (): ArmClients => createArmClients({
    subscriptionId: SUBSCRIPTION,
    endpoint: sim.endpoint,
    caPem: sim.caPem,
    credential: createArmCredential({ kind: 'simulator', authorityHost: sim.tokenAuthorityHost, tenantId: sim.tenantId, clientId: sim.clientId, clientSecret: sim.clientSecret, caPem: sim.caPem }),
    retry: { maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 20 },
  });
  const handle: TestSimulator = {
    sim, clients: build(), stateDir,
    async restart() {
      const port = sim.port;
      await sim.stop();
      sim = await startArmSimulator({ ...options, stateDir, port });
      handle.sim = sim;
      handle.clients = build();
    },
    async dispose() {
      await sim.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
    async admin(method, path, body) {
      const { request } = await import('node:https');
      return new Promise((resolve, reject) => {
        const req = request(`${sim.endpoint}${path}`, { method, ca: sim.caPem, headers: { 'content-type': 'application/json' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          });
        });
        req.on('error', reject);
        req.end(body === undefined ? undefined : JSON.stringify(body));
      });
    },
  };
  return handle;
}

/** ARM id of a resource in the test subscription. */
export function armId(resourceGroup: string, type: string, ...names: string[]): string {
  const [ns, ...types] = type.split('/');
  return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${resourceGroup}/providers/${ns}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`;
}

/** A minimal Linux VM body for the compute client. */
export function vmBody(nicIds: string[], extra: Record<string, unknown> = {}) {
  return {
    location: LOCATION,
    hardwareProfile: { vmSize: 'Standard_D4s_v5' },
    storageProfile: {
      imageReference: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
      osDisk: { createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_LRS' }, deleteOption: 'Delete' },
    },
    osProfile: { computerName: 'node', adminUsername: 'cassandra', linuxConfiguration: { disablePasswordAuthentication: true } },
    networkProfile: { networkInterfaces: nicIds.map((id, i) => ({ id, primary: i === 0, deleteOption: 'Delete' })) },
    ...extra,
  } as const;
}

/** Asserts a promise rejects with the RestError ARM code (and HTTP status) the SDK reports. */
export async function rejectsWithCode(promise: Promise<unknown>, code: string, statusCode?: number): Promise<void> {
  const { rejects } = await import('node:assert/strict');
  await rejects(promise, (error: { code?: string; statusCode?: number; message?: string }) => {
    if (error.code !== code) throw new Error(`expected code ${code}, got ${error.code} (${error.statusCode}): ${error.message}`);
    if (statusCode !== undefined && error.statusCode !== statusCode) throw new Error(`expected status ${statusCode}, got ${error.statusCode}`);
    return true;
  });
}
