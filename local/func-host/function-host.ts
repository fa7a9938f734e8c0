import { randomUUID } from 'node:crypto';
import type { Server, ServerResponse } from 'node:http';
import type { CoreRegistry, RegisteredFunction, RpcTypedData } from './core-api.js';
import { DurableEngine } from './durable/durable-engine.js';
import { durableClientPayload, hostSystemKey } from './durable/durable-client-payload.js';
import { handleDurableApi } from './durable/durable-http-api.js';
import { InstanceOperations } from './durable/instance-operations.js';
import { TaskHubStore } from './durable/task-hub-store.js';
import { keyRolesFromSettings, keysFromSettings } from './http/auth-keys.js';
import { buildRoutes } from './http/function-routes.js';
import { createHostHttpServer, type HttpHandlers } from './http/host-http-server.js';
import { sendError, toRpcHttp, writeRpcHttp } from './http/http-conversion.js';
import type { HostLog } from './host-log.js';
import type { HostSettings } from './host-settings.js';
import { findFunction, triggerOf } from './invoke-function.js';
import { createFunctionRunner, type RunFunction } from './function-runner.js';
import type { StorageConnection } from './storage-connection.js';
import { startQueueListeners } from './triggers/queue-listener.js';
import { startTimerScheduler, timerInput } from './triggers/timer-scheduler.js';

/** What the host needs once the app's code is loaded. */
export interface FunctionHostOptions {
  appDir: string;
  port: number;
  registry: CoreRegistry;
  appHookData: Record<string, unknown>;
  settings: HostSettings;
  storage: StorageConnection;
  log: HostLog;
}

/** A running host: its URL and how to stop it. */
export interface RunningHost {
  url: string;
  close(): Promise<void>;
}

const DURABLE_TRIGGERS = new Set(['orchestrationTrigger', 'activityTrigger', 'entityTrigger']);

/**
 * Starts every part of the host for a loaded app: the durable engine (when the app has durable
 * functions), timers, queue listeners and the HTTP server on 127.0.0.1:`port`.
 */
export async function runFunctionHost(o: FunctionHostOptions): Promise<RunningHost> {
  const origin = `http://127.0.0.1:${o.port}`;
  const keys = keysFromSettings(o.settings.appSettings);
  const systemKey = hostSystemKey(o.settings.appSettings, keys.masterKeys[0]);
  const hub = o.settings.durable.hubName;
  const runner = createFunctionRunner(o.registry, o.appHookData, o.settings.appSettings, o.log, JSON.stringify(durableClientPayload(origin, hub, systemKey)));
  const fns = [...o.registry.functions.values()];
  const store = new TaskHubStore(o.storage, hub);
  const engine = fns.some(usesDurable) ? new DurableEngine(store, o.registry, runner.invoke, o.settings.durable, o.log) : undefined;
  await engine?.start().catch((error: unknown) => {
    throw new Error(`STORAGE_UNREACHABLE: the task hub ${hub} could not be prepared in ${o.storage.queueEndpoint} ` +
      `(is Azurite running there?): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  const timers = await startTimerScheduler({ registry: o.registry, storage: o.storage, settings: o.settings, log: o.log, appDir: o.appDir,
    run: (fn, input) => runner.run(fn, input).then(() => undefined) });
  const queues = startQueueListeners({ registry: o.registry, settings: o.settings, log: o.log,
    run: (fn, input, metadata) => runner.run(fn, input, metadata).then(() => undefined) });
  const ops = engine && new InstanceOperations(engine, o.registry);
  const server: Server = createHostHttpServer({
    routePrefix: o.settings.routePrefix, routes: buildRoutes(o.registry), keys, keyRoles: keyRolesFromSettings(o.settings.appSettings),
    log: o.log, systemKey,
    ownOrigins: [origin, `http://localhost:${o.port}`],
    status: () => ({ state: 'Running', version: '4.1040.0', functions: fns.map((f) => f.metadata.name) }),
    invokeHttp: async (match, req, res, url, body, caller) => {
      const fn = match.route.fn;
      const http = toRpcHttp(req, url.href, body, match.params, caller);
      const response = await runner.run(fn, { [match.route.triggerName]: { http } }).catch(() => undefined);
      if (!response) return sendError(res, 500, 'FUNCTION_FAILED', `function ${fn.metadata.name} failed; see the host log`);
      writeRpcHttp(res, httpOutputOf(fn, response));
    },
    runAdmin: (name, input, res) => runAdmin(o.registry, runner.run, name, input, res),
    durable: ops && ((req, res, path, url, body) => handleDurableApi({
      ops, hubName: hub, origin, systemKey,
      listInstances: (filter, size, token) => store.listInstances(filter, size, token),
      readHistory: async (id) => { const r = await store.readInstance(id); return r ? store.readHistory(id, r.executionId, r.historyCount) : []; },
    }, req, res, path, url, body)),
  } satisfies HttpHandlers);
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(o.port, '127.0.0.1', () => resolve()); });
  o.log.info(`Host started: ${fns.length} functions, listening on ${origin}`);
  return {
    url: origin,
    close: async () => {
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
      await Promise.all([timers.stop(), queues.stop(), engine?.stop()]);
    },
  };
}

function usesDurable(fn: RegisteredFunction): boolean {
  return DURABLE_TRIGGERS.has(triggerOf(fn).type) || Object.values(fn.metadata.bindings).some((b) => b.type === 'durableClient');
}

/** `POST /admin/functions/{name}`: runs a timer, queue or other non-HTTP function on demand; 202 at once. */
async function runAdmin(registry: CoreRegistry, run: RunFunction, name: string, input: string | undefined, res: ServerResponse): Promise<void> {
  let fn: RegisteredFunction;
  try { fn = findFunction(registry, name); } catch { return sendError(res, 404, 'FUNC_NOT_FOUND', `no function named "${name}"`); }
  const trigger = triggerOf(fn);
  if (trigger.type === 'httpTrigger' || DURABLE_TRIGGERS.has(trigger.type)) {
    return sendError(res, 400, 'ADMIN_TRIGGER_UNSUPPORTED', `function ${fn.metadata.name} has a ${trigger.type}: call it through its own API`);
  }
  const data: RpcTypedData = trigger.type === 'timerTrigger' ? timerInput(false, null) : { string: input ?? '' };
  res.writeHead(202).end();
  const metadata = trigger.type === 'queueTrigger' ? adminQueueMetadata() : undefined;
  void run(fn, { [trigger.name]: data }, metadata).catch(() => undefined);
}

/** Queue trigger metadata for an admin-run message, which never was in a queue. */
function adminQueueMetadata(): Record<string, RpcTypedData> {
  const now = JSON.stringify(new Date().toISOString());
  return { Id: { string: randomUUID() }, DequeueCount: { json: '1' }, InsertionTime: { json: now }, NextVisibleTime: { json: now } };
}

function httpOutputOf(fn: RegisteredFunction, response: { returnValue?: RpcTypedData; outputData?: { name: string; data: RpcTypedData }[] }): RpcTypedData | undefined {
  if (fn.metadata.bindings.$return?.type === 'http') return response.returnValue;
  const out = response.outputData?.find((d) => fn.metadata.bindings[d.name]?.type === 'http');
  return out?.data;
}
