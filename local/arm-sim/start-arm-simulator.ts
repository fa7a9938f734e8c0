import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { BashGuestDriver } from './bash-guest-driver.js';
import { AZURE_VM_WRITE_LIMITS, ComputeThrottle, type ThrottleLimits } from './compute-throttle.js';
import { FaultInjector } from './fault-injector.js';
import type { GuestDriver } from './guest-driver.js';
import { issueCertificates } from './issue-certificates.js';
import { createLatencyProfile, type ProfileName } from './latency-profile.js';
import { LroEngine, type OperationSummary } from './lro-engine.js';
import { recoverAfterRestart } from './recover-after-restart.js';
import { RequestLog } from './request-log.js';
import { ResourceStore, type ArmBody } from './resource-store.js';
import { createArmServer } from './create-arm-server.js';
import type { SimulatorContext, SimulatorQuotas } from './simulator-context.js';
import { loadSimulatorIdentity } from './simulator-identity.js';

/** How to start the simulator; only `stateDir` is required. */
export interface StartArmSimulatorOptions {
  /** TCP port on 127.0.0.1; 0 or omitted picks a free one. */
  port?: number;
  /** Where resources, the CA, the identity and the request log live; a restart on it keeps every resource. */
  stateDir: string;
  profile?: ProfileName;
  /** Multiplies the realistic profile's durations (e.g. 0.01 for tests). */
  latencyScale?: number;
  /** Makes VMs real; defaults to a BashGuestDriver with sandboxes under `<stateDir>/guests`. */
  guestDriver?: GuestDriver;
  quotas?: SimulatorQuotas;
  /** Compute VM-write token buckets: on with Azure's limits in the realistic profile, off in instant unless given. */
  throttle?: ThrottleLimits | false;
  /** Called when a guest fails to come back after a restart (default: written to stderr). */
  onGuestError?: (vmId: string, error: unknown) => void;
}

/** A running simulator. Its client secrets are for local credentials only: never log them. */
export interface ArmSimulator {
  /** `https://127.0.0.1:<port>`: ARM endpoint and token authority in one. */
  endpoint: string;
  port: number;
  caPem: string;
  tokenAuthorityHost: string;
  tenantId: string;
  /** The app's service principal. */
  clientId: string;
  clientSecret: string;
  /** A second principal for tools and tests acting beside the app; the request log tells the two apart. */
  toolClientId: string;
  toolClientSecret: string;
  stateDir: string;
  /** The request log's JSON-lines file (RequestLogEntry per line), complete once `stop` resolved. */
  requestLogFile: string;
  faults: FaultInjector;
  /** Reads of the current state, for tests and tools. */
  state: { resources(type?: string): ArmBody[]; operations(): OperationSummary[] };
  /** Resolves once VMs restored from disk have been handed back to the guest driver. */
  guestsRecovered: Promise<void>;
  stop(): Promise<void>;
}

/** Starts the ARM simulator on 127.0.0.1 over HTTPS, with its CA written to `<stateDir>/ca.pem`. */
export async function startArmSimulator(options: StartArmSimulatorOptions): Promise<ArmSimulator> {
  const stateDir = resolve(options.stateDir);
  await mkdir(stateDir, { recursive: true });
  const [identity, certs, store] = await Promise.all([loadSimulatorIdentity(stateDir), issueCertificates(stateDir), ResourceStore.open(join(stateDir, 'resources'))]);
  const profile = options.profile ?? 'instant';
  const ownDriver = options.guestDriver ? undefined : new BashGuestDriver(join(stateDir, 'guests'));
  let endpoint = '';
  const lro = new LroEngine(() => endpoint);
  const faults = new FaultInjector();
  const ctx: SimulatorContext = {
    store, lro, latency: createLatencyProfile(profile, options.latencyScale ?? 1), guest: options.guestDriver ?? ownDriver!,
    quotas: options.quotas ?? {}, runningScripts: new Set(), managedRuns: new Map(),
    takeLroFault: (type, verb) => faults.takeLroFault(type, verb),
  };
  const limits = options.throttle === undefined ? (profile === 'realistic' ? AZURE_VM_WRITE_LIMITS : undefined) : options.throttle || undefined;
  const requestLogFile = join(stateDir, 'requests.log');
  const log = new RequestLog(requestLogFile);
  const server = createArmServer({ ctx, faults, throttle: limits ? new ComputeThrottle(limits) : undefined, store, log, lro, identity, verifiedTokens: new Map(), baseUrl: () => endpoint }, { cert: certs.serverCertPem, key: certs.serverKeyPem });
  const port = await listenOnLoopback(server, options.port ?? 0);
  endpoint = `https://127.0.0.1:${port}`;
  const onGuestError = options.onGuestError ?? ((vmId, error) => console.error(`arm-sim: guest of ${vmId} did not come back: ${error instanceof Error ? error.message : String(error)}`));
  const guestsRecovered = recoverAfterRestart(ctx, onGuestError);
  return {
    endpoint, port, caPem: certs.caPem, tokenAuthorityHost: endpoint,
    tenantId: identity.tenantId, clientId: identity.clientId, clientSecret: identity.clientSecret,
    toolClientId: identity.toolClientId, toolClientSecret: identity.toolClientSecret, stateDir, requestLogFile, faults,
    state: { resources: (type) => store.all().map((r) => r.body).filter((b) => !type || b.type.toLowerCase() === type.toLowerCase()), operations: () => lro.list() },
    guestsRecovered,
    async stop() {
      lro.stop();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await guestsRecovered.catch(() => undefined);
      await ownDriver?.close();
      await store.close();
      await log.close();
    },
  };
}

/** Listens on 127.0.0.1 only (the simulator is never reachable from another host); resolves the port. */
function listenOnLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
