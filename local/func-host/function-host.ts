import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { CoreRegistry, RegisteredFunction, RpcTypedData } from './core-api.js';
import { DurableEngine } from './durable/durable-engine.js';
import { durableClientPayload, durableSystemKey } from './durable/durable-client-payload.js';
import { handleDurableApi } from './durable/durable-http-api.js';
import { InstanceOperations } from './durable/instance-operations.js';
import { TaskHubStore } from './durable/task-hub-store.js';
import { keysFromSettings } from './http/auth-keys.js';
import { buildRoutes } from './http/function-routes.js';
import { createHostHttpServer } from './http/host-http-server.js';
import { sendError, toRpcHttp, writeRpcHttp } from './http/http-conversion.js';
import type { HostLog } from './host-log.js';
import type { HostSettings } from './host-settings.js';
import { createInvoker, findFunction, triggerOf, type InvokeFunction } from './invoke-function.js';
import { applyOutputBindings } from './output-bindings.js';
import type { StorageConnection } from './storage-connection.js';
import { startQueueListeners, type QueueListeners } from './triggers/queue-listener.js';
import { startTimerScheduler, timerInput, type TimerScheduler } from './triggers/timer-scheduler.js';

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
  const invoke = loggedInvoker(createInvoker(o.registry, o.log, o.appHookData), o.log);
  const keys = keysFromSettings(o.settings.appSettings);
  const systemKey = durableSystemKey(keys.masterKeys[0]);
  const fns = [...o.registry.functions.values()];
  const hasDurable = fns.some((f) => DURABLE_TRIGGERS.has(triggerOf(f).type) || Object.values(f.metadata.bindings).some((b) => b.type === 'durableClient'));
  const store = new TaskHubStore(o.storage, o.settings.durable.hubName);
  const engine = hasDurable ? new DurableEngine(store, o.registry, invoke, o.settings.durable, o.log) : undefined;
  const ops = engine ? new InstanceOperations(engine, o.registry) : undefined;
  const clientData = JSON.stringify(durableClientPayload(origin, o.settings.durable.hubName, systemKey));
  const extraInputs = (fn: RegisteredFunction): Record<string, RpcTypedData> => Object.fromEntries(Object.entries(fn.metadata.bindings)
    .filter(([, b]) => b.direction === 'in' && (b.type === 'durableClient' || b.type === 'orchestrationClient'))
    .map(([name]) => [name, { string: clientData }]));
  const invokeWithOutputs = async (fn: RegisteredFunction, inputData: Record<string, RpcTypedData | undefined>, triggerMetadata?: Record<string, RpcTypedData>) => {
    const invocationId = randomUUID();
    const response = await invoke(fn.metadata.name, { inputData: { ...inputData, ...extraInputs(fn) }, triggerMetadata, invocationId });
    await applyOutputBindings(fn, response.outputData, o.settings.appSettings, o.log, { functionName: fn.metadata.name, invocationId });
    return response;
  };
  if (engine) await engine.start();
  const timers: TimerScheduler = await startTimerScheduler({ registry: o.registry, storage: o.storage, settings: o.settings, log: o.log, appDir: o.appDir,
    run: (fn, input) => invokeWithOutputs(fn, input).then(() => undefined) });
  const queues: QueueListeners = startQueueListeners({ registry: o.registry, settings: o.settings, log: o.log,
    run: (fn, input, metadata) => invokeWithOutputs(fn, input, metadata).then(() => undefined) });
  const server: Server = createHostHttpServer({
    routePrefix: o.settings.routePrefix, routes: buildRoutes(o.registry), keys, log: o.log, durableSystemKey: systemKey,
    status: () => ({ state: 'Running', version: '4.1040.0', functions: fns.map((f) => f.metadata.name) }),
    invokeHttp: async (match, req, res, url, body) => {
      const fn = match.route.fn;
      let response;
      try {
        response = await invokeWithOutputs(fn, { [match.route.triggerName]: { http: toRpcHttp(req, url.href, body, match.params) } });
      } catch {
        return sendError(res, 500, 'FUNCTION_FAILED', `function ${fn.metadata.name} failed; see the host log`);
      }
      writeRpcHttp(res, httpOutputOf(fn, response));
    },
    runAdmin: async (name, input, res) => {
      let fn: RegisteredFunction;
      try { fn = findFunction(o.registry, name); } catch { return sendError(res, 404, 'FUNC_NOT_FOUND', `no function named "${name}"`); }
      const trigger = triggerOf(fn);
      if (trigger.type === 'httpTrigger' || DURABLE_TRIGGERS.has(trigger.type)) {
        return sendError(res, 400, 'ADMIN_TRIGGER_UNSUPPORTED', `function ${fn.metadata.name} has a ${trigger.type}: call it through its own API`);
      }
      const data: RpcTypedData = trigger.type === 'timerTrigger' ? timerInput(false, null) : { string: input ?? '' };
      res.writeHead(202).end();
      const metadata = trigger.type === 'queueTrigger' ? adminQueueMetadata() : undefined;
      void invokeWithOutputs(fn, { [trigger.name]: data }, metadata).catch(() => undefined);
    },
    durable: ops && ((req, res, path, url, body) => handleDurableApi({
      ops, hubName: o.settings.durable.hubName, origin, systemKey,
      listInstances: (filter, size, token) => store.listInstances(filter, size, token),
      readHistory: async (id) => { const r = await store.readInstance(id); return r ? store.readHistory(id, r.executionId, r.historyCount) : []; },
    }, req, res, path, url, body)),
  });
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

/** Wraps the invoker with the host's "Executing/Executed" lines, keyed by function and invocation id. */
function loggedInvoker(invoke: InvokeFunction, log: HostLog): InvokeFunction {
  return async (name, request) => {
    const invocationId = request.invocationId ?? randomUUID();
    const scope = { functionName: name, invocationId };
    const started = Date.now();
    log.info(`Executing 'Functions.${name}'`, scope);
    try {
      const response = await invoke(name, { ...request, invocationId });
      log.info(`Executed 'Functions.${name}' (Succeeded, Duration=${Date.now() - started}ms)`, scope);
      return response;
    } catch (error) {
      const orchestrationFailure = error instanceof Error && error.message.includes('$OutOfProcData$');
      log.error(`Executed 'Functions.${name}' (Failed, Duration=${Date.now() - started}ms)`, orchestrationFailure ? undefined : error, scope);
      throw error;
    }
  };
}
