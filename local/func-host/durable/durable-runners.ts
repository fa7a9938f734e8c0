import type { CoreRegistry, RpcInvocationResponse } from '../core-api.js';
import { findFunction, triggerOf, type InvokeFunction } from '../invoke-function.js';
import type { EntityBatchResult, RunEntity } from './entity-processor.js';
import { bindingInfo, type OrchestratorState } from './replay-episode.js';
import type { RunOrchestrator } from './orchestration-processor.js';

const OUT_OF_PROC_MARKER = '$OutOfProcData$:';

/**
 * Invokes an orchestrator function with the binding info and returns the SDK's state. A
 * failure arrives as a thrown OrchestrationFailureError whose message carries the state after
 * `$OutOfProcData$:` (notes §2.4); an orchestrator that is not registered fails the instance.
 */
export function orchestratorRunner(registry: CoreRegistry, invoke: InvokeFunction): RunOrchestrator {
  return async (exec) => {
    const trigger = triggerOf(findFunction(registry, exec.name));
    if (trigger.type !== 'orchestrationTrigger') throw new Error(`The function '${exec.name}' is not an orchestrator function`);
    try {
      const response = await invoke(exec.name, { inputData: { [trigger.name]: { string: JSON.stringify(bindingInfo(exec)) } } });
      return JSON.parse(response.returnValue?.json ?? 'null') as OrchestratorState;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const at = message.indexOf(OUT_OF_PROC_MARKER);
      if (at >= 0) return JSON.parse(message.slice(at + OUT_OF_PROC_MARKER.length)) as OrchestratorState;
      throw error;
    }
  };
}

/** Invokes an entity function with one batch of operations. */
export function entityRunner(registry: CoreRegistry, invoke: InvokeFunction): RunEntity {
  return async (entityName, binding) => {
    const trigger = triggerOf(findFunction(registry, entityName));
    if (trigger.type !== 'entityTrigger') throw new Error(`The function '${entityName}' is not an entity function`);
    const response = await invoke(entityName, { inputData: { [trigger.name]: { string: JSON.stringify(binding) } } });
    return JSON.parse(response.returnValue?.json ?? 'null') as EntityBatchResult;
  };
}

/** The outcome of one activity: a TaskCompleted or TaskFailed body (without TaskScheduledId). */
export type ActivityOutcome = { ok: true; result: string | null } | { ok: false; reason: string; details: string; failureDetails?: unknown };

/** Invokes an activity with its JSON input and maps the return value to TaskCompleted.Result (notes §2.6). */
export async function runActivity(registry: CoreRegistry, invoke: InvokeFunction, name: string, input: string | null): Promise<ActivityOutcome> {
  try {
    const trigger = triggerOf(findFunction(registry, name));
    if (trigger.type !== 'activityTrigger') throw new Error(`The function '${name}' is not an activity function`);
    const response = await invoke(name, { inputData: { [trigger.name]: input === null ? undefined : { string: input } } });
    return { ok: true, result: activityResult(response) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const details = error instanceof Error ? error.stack ?? '' : '';
    return { ok: false, reason, details, failureDetails: failureDetailsOf(reason) };
  }
}

function activityResult(response: RpcInvocationResponse): string | null {
  const v = response.returnValue;
  if (!v) return null;
  if (v.json !== undefined) return v.json;
  if (v.string !== undefined) return JSON.stringify(v.string);
  if (v.int !== undefined) return String(v.int);
  if (v.double !== undefined) return String(v.double);
  if (v.bytes !== undefined) return JSON.stringify(Buffer.from(v.bytes).toString('base64'));
  return null;
}

/** With df.app.setExceptionPropertiesProvider the message is a JSON failure-details object. */
function failureDetailsOf(message: string): unknown {
  try {
    const d = JSON.parse(message) as Record<string, unknown>;
    if (typeof d.errorType !== 'string' || typeof d.errorMessage !== 'string') return undefined;
    return { ErrorType: d.errorType, ErrorMessage: d.errorMessage, StackTrace: d.stackTrace ?? null,
      IsNonRetriable: d.isNonRetriable === true, Properties: d.properties ?? null, InnerFailure: null };
  } catch {
    return undefined;
  }
}
