import Module from 'node:module';

/** A binding as @azure/functions registers it (type, direction and the user's options). */
export interface BindingInfo {
  type: string;
  direction: 'in' | 'out';
  name: string;
  [option: string]: unknown;
}

/** What `registerFunction` receives: the function name and its bindings keyed by binding name. */
export interface FunctionMetadata {
  name: string;
  functionId?: string;
  bindings: Record<string, BindingInfo>;
  retryOptions?: unknown;
}

/** One registered function: its metadata and the library's callback. */
export interface RegisteredFunction {
  metadata: FunctionMetadata;
  callback: (...args: unknown[]) => unknown;
}

/** The programming model @azure/functions hands to the worker. */
export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreCtx: unknown): InvocationModel | Promise<InvocationModel>;
  getCapabilities?(caps: Record<string, string>): Record<string, string> | Promise<Record<string, string>>;
}

/** The per-invocation model: arguments, invocation and response conversion. */
export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], callback: RegisteredFunction['callback']): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<RpcInvocationResponse>;
}

/** The worker's typed data union, reduced to the members the host sends and reads. */
export interface RpcTypedData {
  string?: string;
  json?: string;
  bytes?: Uint8Array;
  int?: number;
  double?: number;
  http?: RpcHttpData;
}

/** HTTP request or response data in the worker's wire shape. */
export interface RpcHttpData {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  statusCode?: string;
  body?: RpcTypedData;
  cookies?: RpcHttpCookie[];
}

/** A response cookie as @azure/functions converts it. */
export interface RpcHttpCookie {
  name: string;
  value: string;
  domain?: { value: string };
  path?: { value: string };
  expires?: { value: { seconds: number } };
  secure?: { value: boolean };
  httpOnly?: { value: boolean };
  sameSite?: string | number;
  maxAge?: { value: number };
}

/** What the library's `getResponse` returns. */
export interface RpcInvocationResponse {
  invocationId: string;
  outputData?: { name: string; data: RpcTypedData }[];
  returnValue?: RpcTypedData;
}

/** Hook names the library may register. */
export type HookName = 'appStart' | 'appTerminate' | 'preInvocation' | 'postInvocation' | 'log';

/** Receives every log line the library sends through the core API. */
export type CoreLogSink = (level: string, category: string, message: string) => void;

/** Everything the app registered through the stand-in core module. */
export interface CoreRegistry {
  functions: Map<string, RegisteredFunction>;
  hooks: Record<HookName, ((ctx: unknown) => unknown)[]>;
  programmingModel(): ProgrammingModel;
  /** Replaced by the host once its logger exists; system logs before that go to stderr. */
  logSink: CoreLogSink;
}

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }
  constructor(private readonly callOnDispose: () => unknown) {}
  dispose(): void { this.callOnDispose(); }
}

/**
 * Installs the `@azure/functions-core` stand-in the way the Node worker does (a proxy on
 * Module.prototype.require) and returns the registry it fills.
 * Must run before `@azure/functions` is first required: the library caches a failed lookup
 * forever and then silently runs in "test mode". Duplicate function names throw.
 */
export function installCoreApi(): CoreRegistry {
  let model: ProgrammingModel | undefined;
  const registry: CoreRegistry = {
    functions: new Map(),
    hooks: { appStart: [], appTerminate: [], preInvocation: [], postInvocation: [], log: [] },
    programmingModel: () => {
      if (!model) throw new Error('the app registered no functions (no programming model was set)');
      return model;
    },
    logSink: (level, category, message) => process.stderr.write(`[${category}] ${level}: ${message}\n`),
  };
  const coreApi = {
    version: '3.10.1',
    hostVersion: '4.1040.0',
    Disposable,
    setProgrammingModel: (pm: ProgrammingModel) => { model = pm; },
    getProgrammingModel: () => model,
    log: (level: string, category: string, message: string) => registry.logSink(level, category, message),
    registerHook(name: string, callback: (ctx: unknown) => unknown): Disposable {
      const list = registry.hooks[name as HookName];
      if (!list) throw new RangeError(`unknown hook "${name}"`);
      list.push(callback);
      return new Disposable(() => list.splice(list.indexOf(callback), 1));
    },
    registerFunction(metadata: FunctionMetadata, callback: RegisteredFunction['callback']): Disposable {
      const key = metadata.name.toLowerCase();
      if (registry.functions.has(key)) throw new Error(`a function named "${metadata.name}" is already registered`);
      registry.functions.set(key, { metadata, callback });
      return new Disposable(() => registry.functions.delete(key));
    },
  };
  const proto = Module.prototype as unknown as { require: (id: string) => unknown };
  proto.require = new Proxy(proto.require, {
    apply(target, thisArg, args: [string]) {
      return args[0] === '@azure/functions-core' ? coreApi : Reflect.apply(target, thisArg, args);
    },
  });
  return registry;
}
