import { randomUUID } from 'node:crypto';
import type { CoreRegistry, RegisteredFunction, RpcInvocationResponse, RpcTypedData } from './core-api.js';
import type { HostLog } from './host-log.js';

/** One invocation request: the trigger and extra-input data keyed by binding name. */
export interface InvocationRequest {
  inputData: Record<string, RpcTypedData | undefined>;
  triggerMetadata?: Record<string, RpcTypedData>;
  invocationId?: string;
}

/** Runs a registered function by name and returns the library's response. */
export type InvokeFunction = (functionName: string, request: InvocationRequest) => Promise<RpcInvocationResponse>;

/**
 * Builds the invoker that follows the Node worker's InvocationHandler: the programming model
 * converts arguments, preInvocation hooks run, the callback runs, postInvocation hooks run
 * (and may replace the result or error), then the response is converted.
 * Errors: FUNC_NOT_FOUND for an unknown name; a function's own error is rethrown unchanged.
 */
export function createInvoker(registry: CoreRegistry, log: HostLog, appHookData: Record<string, unknown>): InvokeFunction {
  return async (functionName, request) => {
    const registered = findFunction(registry, functionName);
    const name = registered.metadata.name;
    const invocationId = request.invocationId ?? randomUUID();
    const coreCtx = {
      invocationId,
      request: {
        invocationId,
        functionId: registered.metadata.functionId ?? name,
        inputData: Object.entries(request.inputData).map(([binding, data]) => (data === undefined ? { name: binding } : { name: binding, data })),
        triggerMetadata: request.triggerMetadata,
      },
      metadata: registered.metadata,
      state: undefined as string | undefined,
      log: (level: string, category: string, message: string) => {
        log.write(level, message, { functionName: name, invocationId });
        for (const hook of registry.hooks.log) hook({ hookData: {}, appHookData, level, category, message, invocationContext: undefined });
      },
    };
    const model = await registry.programmingModel().getInvocationModel(coreCtx);
    const { context, inputs } = await model.getArguments();
    const pre = { hookData: {}, appHookData, invocationContext: context, inputs, functionCallback: registered.callback };
    coreCtx.state = 'preInvocationHooks';
    for (const hook of registry.hooks.preInvocation) await hook(pre);
    const post = { hookData: pre.hookData, appHookData, invocationContext: context, inputs: pre.inputs, result: null as unknown, error: null as unknown };
    coreCtx.state = 'invocation';
    try {
      post.result = await model.invokeFunction(context, pre.inputs, pre.functionCallback);
    } catch (error) {
      post.error = error;
    }
    coreCtx.state = 'postInvocationHooks';
    for (const hook of registry.hooks.postInvocation) await hook(post);
    coreCtx.state = undefined;
    if (post.error) throw post.error;
    return model.getResponse(context, post.result);
  };
}

/** Looks a function up case-insensitively, as the host and the Durable extension do. */
export function findFunction(registry: CoreRegistry, functionName: string): RegisteredFunction {
  const registered = registry.functions.get(functionName.toLowerCase());
  if (!registered) throw new Error(`FUNC_NOT_FOUND: no function named "${functionName}" is registered`);
  return registered;
}

/** The trigger binding of a function (the one whose type ends in "Trigger"). */
export function triggerOf(registered: RegisteredFunction): { name: string; type: string; [k: string]: unknown } {
  const entry = Object.entries(registered.metadata.bindings).find(([, b]) => /trigger$/i.test(b.type));
  if (!entry) throw new Error(`function "${registered.metadata.name}" has no trigger binding`);
  return { ...entry[1], name: entry[0] };
}

/** The logical value of typed data returned by a function (strings stay strings). */
export function fromTypedData(data: RpcTypedData | undefined): unknown {
  if (!data) return undefined;
  if (data.json !== undefined) return JSON.parse(data.json);
  if (data.string !== undefined) return data.string;
  if (data.int !== undefined) return Number(data.int);
  if (data.double !== undefined) return Number(data.double);
  if (data.bytes !== undefined) return Buffer.from(data.bytes).toString('base64');
  return undefined;
}
