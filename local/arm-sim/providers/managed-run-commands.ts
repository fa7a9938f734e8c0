import { z } from 'zod';
import { ArmError, invalidParameter } from '../arm-error.js';
import type { GuestScriptResult } from '../guest-driver.js';
import type { StoredResource } from '../resource-store.js';
import type { ResourceKind, ResourceTarget, SimulatorContext } from '../simulator-context.js';
import { envelope, isLoopback, parseBody } from './request-body.js';
import { tailBytes } from './run-command-output.js';
import { powerStateOf, toGuestVm } from './virtual-machine-guest.js';
import { writeAppendBlob } from './write-append-blob.js';

export const MANAGED_RUN_COMMAND_TYPE = 'Microsoft.Compute/virtualMachines/runCommands';
const DEFAULT_TIMEOUT_S = 90 * 60;

const parameter = z.looseObject({ name: z.string(), value: z.string() });
const schema = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  properties: z.looseObject({
    source: z.looseObject({ script: z.string().optional(), commandId: z.string().optional(), scriptUri: z.string().optional() }),
    parameters: z.array(parameter).optional(),
    protectedParameters: z.array(parameter).optional(),
    asyncExecution: z.boolean().optional(),
    timeoutInSeconds: z.number().int().positive().optional(),
    outputBlobUri: z.string().optional(),
    errorBlobUri: z.string().optional(),
    treatFailureAsDeploymentFailure: z.boolean().optional(),
  }),
});

type Input = z.infer<typeof schema>;

/**
 * Managed run commands (`virtualMachines/{vm}/runCommands/{name}`): run in parallel, keep the
 * exit code and the last 4 KB of output and error in their instance view (GET with
 * `$expand=instanceView`), and write full output to append blobs when given blob URIs (which
 * must point at loopback storage). Protected parameters are passed to the script but never
 * stored or returned. Deleting a running command stops it.
 */
export const managedRunCommands: ResourceKind = {
  type: MANAGED_RUN_COMMAND_TYPE,
  mode: 'async',
  deleteLatency: 'vmUpdate',
  put(ctx, target, body) {
    const input = parseBody(schema, body);
    const script = scriptOf(input);
    for (const field of ['outputBlobUri', 'errorBlobUri'] as const) checkBlobUri(input.properties[field], `properties.${field}`);
    const vm = ctx.store.get(target.id.split('/').slice(0, -2).join('/'))!;
    if (powerStateOf(vm) !== 'running') throw new ArmError('OperationNotAllowed', `Operation 'RunCommand' is not allowed on VM '${vm.body.name}' since the VM is ${powerStateOf(vm)}.`);
    const { protectedParameters, ...visible } = input.properties;
    const properties = { asyncExecution: false, treatFailureAsDeploymentFailure: false, timeoutInSeconds: DEFAULT_TIMEOUT_S, ...visible };
    const stored: StoredResource = { body: envelope(target, MANAGED_RUN_COMMAND_TYPE, input, properties), hidden: { instanceView: { executionState: 'Pending' } } };
    const env = Object.fromEntries([...(input.properties.parameters ?? []), ...(protectedParameters ?? [])].map((p) => [p.name, p.value]));
    const run = () => execute(ctx, target, vm, script, env, input);
    return { stored, latency: 'managedRunCommand', provision: async () => { if (input.properties.asyncExecution) void run().catch(() => undefined); else await run(); } };
  },
  present(_ctx, stored, query) {
    if ((query.get('$expand') ?? '').toLowerCase() !== 'instanceview') return stored.body;
    return { ...stored.body, properties: { ...stored.body.properties, instanceView: stored.hidden.instanceView } };
  },
  async onDelete(ctx, stored) {
    ctx.managedRuns.get(stored.body.id.toLowerCase())?.abort();
  },
};

function scriptOf(input: Input): string {
  const { script, commandId, scriptUri } = input.properties.source;
  if ([script, commandId, scriptUri].filter((s) => s !== undefined).length !== 1) {
    throw invalidParameter('properties.source', 'Exactly one of source.script, source.commandId and source.scriptUri must be set.');
  }
  if (scriptUri !== undefined) throw invalidParameter('properties.source.scriptUri', 'The local simulator runs inline scripts and commandIds only; send the script in source.script.');
  if (commandId !== undefined && commandId !== 'RunShellScript' && commandId !== 'ifconfig') {
    throw new ArmError('NotFound', `The entity was not found in this Azure location. (commandId '${commandId}')`);
  }
  return script ?? (commandId === 'ifconfig' ? 'ip address show' : '');
}

function checkBlobUri(uri: string | undefined, field: string): void {
  if (uri === undefined) return;
  let host: string;
  try {
    host = new URL(uri).hostname;
  } catch {
    throw invalidParameter(field, `'${field}' is not a valid URI.`);
  }
  if (!isLoopback(host) && host !== 'localhost') throw invalidParameter(field, `${field} must point at loopback storage (e.g. Azurite on 127.0.0.1), got host '${host}'.`);
}

async function execute(ctx: SimulatorContext, target: ResourceTarget, vm: StoredResource, script: string, env: Record<string, string>, input: Input): Promise<void> {
  const key = target.id.toLowerCase();
  const abort = new AbortController();
  ctx.managedRuns.set(key, abort);
  const timeoutInMs = (input.properties.timeoutInSeconds ?? DEFAULT_TIMEOUT_S) * 1000;
  const timer = setTimeout(() => abort.abort(new Error('timeout')), timeoutInMs);
  const startTime = new Date().toISOString();
  record(ctx, target.id, { executionState: 'Running', startTime });
  let result: GuestScriptResult;
  try {
    result = await ctx.guest.runScript(toGuestVm(ctx, vm), script, { parameters: env, timeoutInMs, abortSignal: abort.signal });
  } finally {
    clearTimeout(timer);
    ctx.managedRuns.delete(key);
  }
  const timedOut = abort.signal.aborted && abort.signal.reason instanceof Error && abort.signal.reason.message === 'timeout';
  const executionState = abort.signal.aborted ? (timedOut ? 'TimedOut' : 'Canceled') : result.exitCode === 0 ? 'Succeeded' : 'Failed';
  record(ctx, target.id, {
    executionState, executionMessage: timedOut ? 'Execution timed out.' : '', exitCode: result.exitCode,
    output: tailBytes(result.stdout), error: tailBytes(result.stderr), startTime, endTime: new Date().toISOString(),
  });
  await Promise.all([
    input.properties.outputBlobUri ? writeAppendBlob(input.properties.outputBlobUri, result.stdout) : undefined,
    input.properties.errorBlobUri ? writeAppendBlob(input.properties.errorBlobUri, result.stderr) : undefined,
  ]);
  if (executionState !== 'Succeeded' && input.properties.treatFailureAsDeploymentFailure) {
    throw new ArmError('VMExtensionProvisioningError', `VM has reported a failure when processing extension '${target.names.at(-1)}' (run command): execution state ${executionState}, exit code ${result.exitCode}.`);
  }
}

function record(ctx: SimulatorContext, id: string, view: Record<string, unknown>): void {
  const current = ctx.store.get(id);
  if (!current) return;
  current.hidden.instanceView = view;
  ctx.store.put(current);
}
