import type { HttpRequest } from '@azure/functions';

/**
 * Who made a request, for an operation's `requestedBy`: the principal App Service
 * authentication put on the request (the function key's name, where the host authenticates by
 * key), else the fact that a function key was presented.
 */
export function callerOf(request: HttpRequest): string {
  return request.user?.username ?? 'function-key';
}
