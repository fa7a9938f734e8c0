import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import type { HttpMethod, HttpRequest, InvocationContext } from '@azure/functions';
import { decideAccess, HTTP_ACCESS, type Caller, type HttpFunctionName } from '../shared/domain/access/decide-access.js';
import type { ApiResponse } from '../shared/api/api-response.js';
import { forbiddenError } from '../shared/api/forbidden-error.js';
import { callerOf } from './caller-of.js';
import { respond } from './http-response.js';
import { requireAppServiceAuthentication } from './app-settings.js';

/** An HTTP function: its route, methods and the handler that gets the authorized caller. */
export interface HttpRegistration {
  route: string;
  methods: HttpMethod[];
  handler(request: HttpRequest, client: DurableClient, caller: Caller): Promise<ApiResponse>;
}

/**
 * Registers an HTTP function under the role HTTP_ACCESS gives its name (the only way functions/
 * registers HTTP functions; a lint rule keeps it so). Every function but the anonymous one needs
 * a function key, as before; a role function then needs the role too, or answers 403
 * CASSOPS_FORBIDDEN naming it, before the handler runs.
 * Errors: CASSOPS_FORBIDDEN; CASSOPS_CONFIG_INVALID naming WEBSITE_AUTH_ENABLED on Azure when
 * App Service authentication is off (a client could then forge the principal headers).
 */
export function registerHttp(name: HttpFunctionName, registration: HttpRegistration): void {
  const access = HTTP_ACCESS[name];
  df.app.client.http(name, {
    route: registration.route, methods: registration.methods, authLevel: access === 'anonymous' ? 'anonymous' : 'function',
    handler: (request, client, context) => respond(async () =>
      registration.handler(request, client, authorize(name, registration, request, context))),
  });
}

function authorize(name: HttpFunctionName, registration: HttpRegistration, request: HttpRequest,
  context: InvocationContext): Caller {
  const access = HTTP_ACCESS[name];
  if (access === 'key' || access === 'anonymous') {
    return { identity: access === 'key' ? 'function-key' : 'anonymous', roles: [] };
  }
  requireAppServiceAuthentication(process.env);
  const caller = callerOf(request);
  const decision = decideAccess(name, caller?.roles ?? []);
  // A role function allows only a caller holding a role, so an allowed caller is always there.
  if (decision.allowed) return caller ?? { identity: 'anonymous', roles: [] };
  const error = forbiddenError(`${registration.methods.join('/')} /api/${registration.route}`, decision, caller);
  context.warn(`refused: ${error.message}`);
  throw error;
}
