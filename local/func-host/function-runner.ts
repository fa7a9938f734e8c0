import { randomUUID } from 'node:crypto';
import type { CoreRegistry, RegisteredFunction, RpcInvocationResponse, RpcTypedData } from './core-api.js';
import type { HostLog } from './host-log.js';
import { createInvoker, findFunction, type InvokeFunction } from './invoke-function.js';
import { applyOutputBindings } from './output-bindings.js';

/** Runs a function with its trigger input, adds its extra inputs and performs its output bindings. */
export type RunFunction = (fn: RegisteredFunction, inputData: Record<string, RpcTypedData | undefined>,
  triggerMetadata?: Record<string, RpcTypedData>) => Promise<RpcInvocationResponse>;

/** The logged invoker and the full function runner built on it. */
export interface FunctionRunner {
  invoke: InvokeFunction;
  run: RunFunction;
}

/**
 * Builds the host's invoker ("Executing/Executed" lines keyed by function and invocation id,
 * failures with their stack, durable client bindings fed from `clientData`, the durableClient
 * payload as JSON text) and the runner that also applies output bindings.
 */
export function createFunctionRunner(registry: CoreRegistry, appHookData: Record<string, unknown>, appSettings: Record<string, string>,
  log: HostLog, clientData: string): FunctionRunner {
  const logged = loggedInvoker(createInvoker(registry, log, appHookData), log);
  // The Functions host binds a declared durable client on every invocation, whatever the trigger:
  // an activity that starts orchestrations gets its client as an HTTP function does.
  const invoke: InvokeFunction = (name, request) => logged(name,
    { ...request, inputData: { ...request.inputData, ...durableClientInputs(findFunction(registry, name), clientData) } });
  const run: RunFunction = async (fn, inputData, triggerMetadata) => {
    const invocationId = randomUUID();
    const response = await invoke(fn.metadata.name, { inputData, triggerMetadata, invocationId });
    await applyOutputBindings(fn, response.outputData, appSettings, log, { functionName: fn.metadata.name, invocationId });
    return response;
  };
  return { invoke, run };
}

function durableClientInputs(fn: RegisteredFunction, clientData: string): Record<string, RpcTypedData> {
  return Object.fromEntries(Object.entries(fn.metadata.bindings)
    .filter(([, b]) => b.direction === 'in' && (b.type === 'durableClient' || b.type === 'orchestrationClient'))
    .map(([name]) => [name, { string: clientData }]));
}

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
      // An orchestrator's failure is its state, not a crash: the instance records the message.
      const orchestrationFailure = error instanceof Error && error.message.includes('$OutOfProcData$');
      log.error(`Executed 'Functions.${name}' (Failed, Duration=${Date.now() - started}ms)`, orchestrationFailure ? undefined : error, scope);
      throw error;
    }
  };
}
