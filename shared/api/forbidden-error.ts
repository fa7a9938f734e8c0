import type { AccessDecision, Caller } from '../domain/access/decide-access.js';
import { OpsError } from '../errors/ops-error.js';

/**
 * The 403 for a refused access decision: CASSOPS_FORBIDDEN naming what was asked, the role it
 * needs and the roles the caller holds (or that no authenticated caller came with the request).
 */
export function forbiddenError(what: string, refused: Extract<AccessDecision, { allowed: false }>, caller: Caller | undefined): OpsError {
  const who = caller ? `'${caller.identity}' holds ${refused.holds.join(', ') || 'none of the app\'s roles'}`
    : 'the request carries no authenticated caller';
  return new OpsError('CASSOPS_FORBIDDEN', { message: `${what} needs the ${refused.needs} role; ${who}.` });
}
