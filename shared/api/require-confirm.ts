import { OpsError } from '../errors/ops-error.js';

/**
 * Refuses a destructive request unless `?confirm=` repeats the cluster name, a guard against
 * acting on a mistyped URL. Errors: CASSOPS_CONFIRM_MISMATCH naming query:confirm.
 */
export function requireConfirm(name: string, confirm: string | null, what: string): void {
  if (confirm === name) return;
  throw new OpsError('CASSOPS_CONFIRM_MISMATCH', { message: `Add ?confirm=${name} ${what}.`,
    issues: [{ path: 'query:confirm', message: confirm === null ? 'is required' : `must equal '${name}'` }] });
}
