import { OpsError } from '../errors/ops-error.js';

/**
 * Refuses a destructive request unless its confirm repeats the cluster name, a guard against
 * acting on a mistyped URL: `?confirm=` of a DELETE or a lease break, or the body's `confirm` of
 * an in-place restore. Errors: CASSOPS_CONFIRM_MISMATCH naming query:confirm or $.confirm.
 */
export function requireConfirm(name: string, confirm: string | null, what: string, from: 'query' | 'body' = 'query'): void {
  if (confirm === name) return;
  const ask = from === 'query' ? `?confirm=${name}` : `"confirm": "${name}"`;
  const path = from === 'query' ? 'query:confirm' : '$.confirm';
  throw new OpsError('CASSOPS_CONFIRM_MISMATCH', { message: `Add ${ask} ${what}.`,
    issues: [{ path, message: confirm === null ? 'is required' : `must equal '${name}'` }] });
}
