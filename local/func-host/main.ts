#!/usr/bin/env node
// The local Functions host's command line: `node dist/local/func-host/main.js --app <dir> --port <port>`.
// The @azure/functions-core stand-in is installed first, before anything can load @azure/functions.
import { installCoreApi } from './core-api.js';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { createHostLog, describeError } from './host-log.js';
import { loadHostSettings } from './host-settings.js';
import { loadApp, terminateApp } from './load-app.js';
import { runFunctionHost } from './function-host.js';
import { parseStorageConnection } from './storage-connection.js';
import { findFreePort } from '../net/find-free-port.js';

const registry = installCoreApi();

const program = new Command('func-host')
  .description('Runs an Azure Functions (Node v4) app with Durable Functions locally, state in Azurite')
  .requiredOption('--app <dir>', 'the Functions app directory (package.json, host.json)')
  .option('--port <port>', 'HTTP port on 127.0.0.1 (0 picks a free one)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('--port must be an integer from 0 to 65535');
    return n;
  }, 7071)
  .parse();

const opts = program.opts<{ app: string; port: number }>();
const log = createHostLog();
registry.logSink = (level, category, message) => log.write(level, category === 'system' ? `[worker] ${message}` : message);

try {
  const appDir = resolve(opts.app);
  const port = opts.port === 0 ? await findFreePort() : opts.port;
  const settings = loadHostSettings(appDir, process.env);
  // App settings reach the app's code as environment variables, as on the real host.
  for (const [k, v] of Object.entries(settings.appSettings)) process.env[k] = v;
  process.env.AzureWebJobsStorage ??= 'UseDevelopmentStorage=true';
  settings.appSettings.AzureWebJobsStorage = process.env.AzureWebJobsStorage;
  // The durable client rewrites its URLs to localhost:7071 unless it knows the host's address.
  process.env.WEBSITE_HOSTNAME = `127.0.0.1:${port}`;
  const storage = parseStorageConnection(process.env.AzureWebJobsStorage);
  const loaded = await loadApp(appDir, registry);
  log.info(`loaded ${loaded.files.length} file(s) from ${appDir}: ${[...registry.functions.values()].map((f) => f.metadata.name).join(', ')}`);
  const host = await runFunctionHost({ appDir, port, registry, appHookData: loaded.appHookData, settings, storage, log });
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    await host.close();
    await terminateApp(appDir, registry, loaded);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
} catch (error) {
  log.error('the host failed to start', undefined);
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
}
