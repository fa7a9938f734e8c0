import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { findFreePorts, waitForPort } from '../net/find-free-port.js';

/** Azurite's published development account; not a secret (it is in Azure's own docs). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteInstance {
  pid: number;
  blobEndpoint: string;
  queueEndpoint: string;
  tableEndpoint: string;
  /** A connection string in the form `AzureWebJobsStorage` takes. */
  connectionString: string;
  stop(): Promise<void>;
}

export interface StartAzuriteOptions {
  /** Where Azurite keeps its data; survives restarts of the same directory. */
  location: string;
  host?: string;
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
  startTimeoutInMs?: number;
}

/**
 * Starts Azurite (blob, queue, table) as a child process on loopback and waits until it answers.
 * Ports it picks itself are free when picked, but another process can take one before Azurite
 * binds it: then it starts again on fresh ports (three tries).
 */
export async function startAzurite(options: StartAzuriteOptions): Promise<AzuriteInstance> {
  const ownPorts = options.blobPort === undefined && options.queuePort === undefined && options.tablePort === undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchAzurite(options);
    } catch (error) {
      if (!ownPorts || attempt >= 3 || !/EADDRINUSE/.test((error as Error).message)) throw error;
    }
  }
}

async function launchAzurite(options: StartAzuriteOptions): Promise<AzuriteInstance> {
  const host = options.host ?? '127.0.0.1';
  const [blobFree, queueFree, tableFree] = await findFreePorts(3, host);
  const blobPort = options.blobPort ?? blobFree!;
  const queuePort = options.queuePort ?? queueFree!;
  const tablePort = options.tablePort ?? tableFree!;
  mkdirSync(options.location, { recursive: true });
  const entry = createRequire(import.meta.url).resolve('azurite/dist/src/azurite.js');
  const child: ChildProcess = spawn(process.execPath, [
    entry, '--silent', '--skipApiVersionCheck', '--disableTelemetry', '--loose',
    '--location', options.location,
    '--blobHost', host, '--blobPort', String(blobPort),
    '--queueHost', host, '--queuePort', String(queuePort),
    '--tableHost', host, '--tablePort', String(tablePort),
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) =>
    reject(new Error(`Azurite exited with code ${code} before it was ready: ${stderr.trim()}`))));
  const timeout = options.startTimeoutInMs ?? 30_000;
  await Promise.race([
    Promise.all([waitForPort(host, blobPort, timeout), waitForPort(host, queuePort, timeout), waitForPort(host, tablePort, timeout)]),
    exited,
  ]);
  exited.catch(() => undefined);
  const blobEndpoint = `http://${host}:${blobPort}/${AZURITE_ACCOUNT}`;
  const queueEndpoint = `http://${host}:${queuePort}/${AZURITE_ACCOUNT}`;
  const tableEndpoint = `http://${host}:${tablePort}/${AZURITE_ACCOUNT}`;
  return {
    pid: child.pid ?? -1,
    blobEndpoint,
    queueEndpoint,
    tableEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
      `BlobEndpoint=${blobEndpoint};QueueEndpoint=${queueEndpoint};TableEndpoint=${tableEndpoint};`,
    stop: () => stopChild(child),
  };
}

/** Stops a child process by its own pid: SIGTERM, then SIGKILL if it lingers. */
export async function stopChild(child: ChildProcess, graceInMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => { if (child.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL'); }, graceInMs);
  await done;
  clearTimeout(timer);
}
