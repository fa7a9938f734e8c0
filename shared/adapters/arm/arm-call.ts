import { ok, fail, type Result } from '../../errors/result.js';
import { classifyArmError } from './classify-arm-error.js';

/**
 * Runs one ARM call: success → ok with what `work` returned; a transient fault is thrown
 * (Durable retries it with the activity's profile); a permanent one is returned with Azure's
 * code and message.
 */
export async function armCall<T = void>(what: string, work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    const sorted = classifyArmError(error, what);
    if ('transient' in sorted) throw sorted.transient;
    return fail(sorted.permanent);
  }
}
