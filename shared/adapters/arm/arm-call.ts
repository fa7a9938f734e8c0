import { ok, fail, type Result } from '../../errors/result.js';
import { classifyArmError } from './classify-arm-error.js';

/**
 * Runs one ARM side effect: success → ok; a transient fault is thrown (Durable retries it with
 * the activity's profile); a permanent one is returned with Azure's code and message.
 */
export async function armCall(what: string, work: () => Promise<unknown>): Promise<Result<void>> {
  try {
    await work();
    return ok(undefined);
  } catch (error) {
    const sorted = classifyArmError(error, what);
    if ('transient' in sorted) throw sorted.transient;
    return fail(sorted.permanent);
  }
}
