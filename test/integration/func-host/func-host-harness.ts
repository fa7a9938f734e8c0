import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type * as azf from '@azure/functions';
import type * as df from 'durable-functions';
import { startAzurite, type AzuriteInstance } from '../../../local/azurite/start-azurite.js';
import { findFreePort } from '../../../local/net/find-free-port.js';
import { durableClientPayload, SYSTEM_KEY_SETTING } from '../../../local/func-host/durable/durable-client-payload.js';
import { startFunctionHost, type FunctionHostProcess, type StartFunctionHostOptions } from '../../../local/func-host/start-function-host.js';
import { waitFor } from '../../support/wait-for.js';

// Both packages are CommonJS bundles whose named exports ESM cannot see; load them with require.
const requireCjs = createRequire(import.meta.url);
const { InvocationContext } = requireCjs('@azure/functions') as typeof azf;
const durable = requireCjs('durable-functions') as typeof df;

/** The sample apps under test/fixtures (resolved from dist/test/... back to the sources). */
export function fixtureDir(name: string): string {
  return fileURLToPath(new URL(`../../../../test/fixtures/${name}`, import.meta.url));
}

/** Azurite plus one host process for a sample app, and the real DurableClient pointed at it. */
export interface HostStack {
  azurite: AzuriteInstance;
  host: FunctionHostProcess;
  hubName: string;
  client(): df.DurableClient;
  /** Fetches an admin or durable endpoint (`path` from the host's root) presenting the system key. */
  systemFetch(path: string, init?: RequestInit): Promise<Response>;
  /** Starts the host again on the same storage (after stop or kill). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Options for a stack: host options, plus a step to run against storage before the host starts. */
export type HostStackOptions = Partial<StartFunctionHostOptions> & { beforeHost?: (connectionString: string) => Promise<void> };

/** Starts Azurite and a host for `appName`; everything is stopped by pid in stop(). */
export async function startHostStack(appName: string, stackOptions: HostStackOptions = {}): Promise<HostStack> {
  const { beforeHost, ...options } = stackOptions;
  const dir = mkdtempSync(join(tmpdir(), 'func-host-'));
  const azurite = await startAzurite({ location: dir });
  const hubName = options.hubName ?? `Hub${appName.replace(/[^A-Za-z0-9]/g, '')}`;
  // One port and one system key for the stack's life, so clients keep working across a restart.
  const port = options.port ?? await findFreePort();
  const env = { [SYSTEM_KEY_SETTING]: randomBytes(32).toString('base64url'), ...options.env };
  const launch = (): Promise<FunctionHostProcess> => startFunctionHost({
    appDir: fixtureDir(appName), storageConnectionString: azurite.connectionString, hubName, ...options, port, env,
  });
  let host: FunctionHostProcess;
  try {
    await beforeHost?.(azurite.connectionString);
    host = await launch();
  } catch (error) {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const stack: HostStack = {
    azurite,
    get host() { return host; },
    hubName,
    client: () => durableClientFor(host.url, hubName, host.systemKey),
    systemFetch: (path, init = {}) => fetch(`${host.url}${path}`,
      { ...init, headers: { ...init.headers as Record<string, string>, 'x-functions-key': host.systemKey } }),
    restart: async () => { host = await launch(); },
    stop: async () => {
      await host.stop();
      await azurite.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** The real durable-functions DurableClient, built from the binding payload the host hands to apps. */
export function durableClientFor(url: string, hubName: string, systemKey: string): df.DurableClient {
  const bindingName = 'durableClientInput';
  const context = new InvocationContext({ functionName: 'test', options: { trigger: { type: 'httpTrigger', name: 'req' },
    extraInputs: [{ type: 'durableClient', name: bindingName }] } });
  context.extraInputs.set(bindingName, durableClientPayload(url, hubName, systemKey));
  return durable.getClient(context);
}

/** Waits until an instance reaches one of the given runtime statuses and returns its status. */
export async function waitForStatus(client: df.DurableClient, instanceId: string, statuses: string[], timeoutInMs = 20_000): Promise<df.DurableOrchestrationStatus> {
  return waitFor(`instance ${instanceId} to be ${statuses.join('/')}`, timeoutInMs, async () => {
    const s = await client.getStatus(instanceId);
    return statuses.includes(s.runtimeStatus) ? s : undefined;
  });
}
