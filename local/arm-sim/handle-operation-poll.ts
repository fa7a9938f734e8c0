import { ARM_ERROR_STATUS, ArmError } from './arm-error.js';
import type { SimResponse } from './handle-resource-request.js';
import type { SimulatorContext } from './simulator-context.js';

/**
 * Answers the two URLs of a long-running operation: the `Azure-AsyncOperation` status
 * (`{ name, status, startTime, endTime?, error? }`, always 200) and the `Location` result
 * (202 while running, then 200 with the result; never 204, which the compute SDK rejects).
 */
export async function handleOperationPoll(ctx: SimulatorContext, operationId: string, result: boolean, url: URL): Promise<SimResponse> {
  const operation = ctx.lro.get(operationId);
  if (!operation) throw new ArmError('NotFound', `The operation '${operationId}' was not found.`);
  await ctx.lro.settle(operation, ctx.latency.pollHoldInMs);
  const retryAfter = operation.status === 'InProgress' ? ctx.latency.pollRetryAfterSeconds(operation.dueMs - Date.now()) : 0;
  const hint: Record<string, string> = retryAfter > 0 ? { 'retry-after': String(retryAfter) } : {};
  if (!result) return { status: 200, body: ctx.lro.statusBody(operation), headers: hint };
  if (operation.status === 'InProgress') return { status: 202, headers: { ...hint, location: url.toString() } };
  if (operation.status === 'Succeeded') return { status: 200, body: operation.result ?? {} };
  const code = operation.error?.code ?? 'InternalExecutionError';
  const status = (ARM_ERROR_STATUS as Record<string, number>)[code] ?? 500;
  return { status, body: { error: { code, message: operation.error?.message ?? 'The operation failed.', details: [] } } };
}
