import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HostLog } from '../host-log.js';
import { isAuthorized, isSystemAuthorized, keyNameOf, presentedKey, type HostKeys } from './auth-keys.js';
import { isBrowserRequest, isCrossOriginBrowserRequest } from './browser-requests.js';
import { readBody, sendError, sendJson, type KeyCaller } from './http-conversion.js';
import { matchRoute, type FunctionRoute, type RouteMatch } from './function-routes.js';

/** What the server dispatches to; each handler owns its response. */
export interface HttpHandlers {
  routePrefix: string;
  routes: FunctionRoute[];
  keys: HostKeys;
  /** The roles each key name's callers hold (FUNC_HOST_KEY_ROLES). */
  keyRoles: Record<string, string[]>;
  log: HostLog;
  /** The key the admin API and the durable endpoints accept besides master keys. */
  systemKey: string;
  /** The origins the host answers on, the only ones a page may call function routes from. */
  ownOrigins: string[];
  invokeHttp(match: RouteMatch, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, caller?: KeyCaller): Promise<void>;
  runAdmin(functionName: string, input: string | undefined, res: ServerResponse): Promise<void>;
  /** Undefined when the app has no durable functions. */
  durable?: (req: IncomingMessage, res: ServerResponse, path: string[], url: URL, body: Buffer) => Promise<void>;
  status(): Record<string, unknown>;
}

/**
 * Creates the host's HTTP server: function routes under the route prefix, the admin API
 * (`/admin/host/status`, `POST /admin/functions/{name}`), the Durable webhooks under
 * `/runtime/webhooks/durabletask/` and the RPC path `/durabletask/` that the durable client
 * binding points at. The last three need the system key or a master key and refuse requests a
 * web page sent (403 HOST_BROWSER_REFUSED): a page must not start or terminate orchestrations.
 * Function routes refuse pages on other origins (403 HOST_CROSS_ORIGIN_REFUSED).
 */
export function createHostHttpServer(h: HttpHandlers): Server {
  return createServer((req, res) => {
    handle(h, req, res).catch((error: unknown) => {
      h.log.error(`HTTP ${req.method} ${req.url} failed`, error);
      if (!res.headersSent) sendError(res, 500, 'HOST_ERROR', 'The host failed to process the request; see the host log.');
      else res.destroy();
    });
  });
}

async function handle(h: HttpHandlers, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  let segments: string[];
  try {
    segments = url.pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  } catch {
    return sendError(res, 400, 'HTTP_PATH_INVALID', 'the request path is not valid percent-encoding');
  }
  const [first, second, third] = segments;
  const durable = first === 'durabletask' || (first === 'runtime' && second === 'webhooks' && third === 'durabletask');
  return first === 'admin' || durable ? handleSystem(h, req, res, url, segments) : handleFunction(h, req, res, url, segments);
}

/** The admin API and the durable endpoints; refused before the body is read. */
async function handleSystem(h: HttpHandlers, req: IncomingMessage, res: ServerResponse, url: URL,
  segments: string[]): Promise<void> {
  if (isBrowserRequest(req)) {
    return sendError(res, 403, 'HOST_BROWSER_REFUSED', 'the admin API and the durable endpoints refuse requests from web pages');
  }
  if (!isSystemAuthorized(h.keys, h.systemKey, presentedKey(req, url))) {
    return sendError(res, 401, 'HOST_UNAUTHORIZED', 'the admin API and the durable endpoints need a system or master key');
  }
  const body = await readBody(req);
  const [first, second, third] = segments;
  if (first === 'admin') {
    if (second === 'host' && third === 'status' && req.method === 'GET') return sendJson(res, 200, h.status());
    if (second === 'functions' && third && segments.length === 3 && req.method === 'POST') return runAdmin(h, third, body, res);
    return sendError(res, 404, 'HOST_NOT_FOUND', `no admin API at ${url.pathname}`);
  }
  if (!h.durable) return sendError(res, 404, 'DURABLE_NOT_ENABLED', 'the app registers no durable functions');
  return h.durable(req, res, segments.slice(first === 'durabletask' ? 1 : 3), url, body);
}

async function handleFunction(h: HttpHandlers, req: IncomingMessage, res: ServerResponse, url: URL,
  segments: string[]): Promise<void> {
  if (isCrossOriginBrowserRequest(req, h.ownOrigins)) {
    return sendError(res, 403, 'HOST_CROSS_ORIGIN_REFUSED', 'function routes refuse requests from pages on other origins');
  }
  const body = await readBody(req);
  const key = presentedKey(req, url);
  const prefix = h.routePrefix === '' ? [] : h.routePrefix.split('/');
  const underPrefix = prefix.every((p, i) => segments[i]?.toLowerCase() === p.toLowerCase());
  const match = underPrefix ? matchRoute(h.routes, req.method ?? 'GET', segments.slice(prefix.length)) : undefined;
  if (!match) return sendError(res, 404, 'HOST_NOT_FOUND', `no function answers ${req.method} ${url.pathname}`);
  if (!isAuthorized(match.route.authLevel, h.keys, key)) {
    return sendError(res, 401, 'HOST_UNAUTHORIZED', `function ${match.route.fn.metadata.name} needs a ${match.route.authLevel} key`);
  }
  const name = keyNameOf(h.keys, key);
  return h.invokeHttp(match, req, res, url, body, name === undefined ? undefined : { name, roles: h.keyRoles[name] ?? [] });
}

async function runAdmin(h: HttpHandlers, name: string, body: Buffer, res: ServerResponse): Promise<void> {
  let input: string | undefined;
  if (body.length > 0) {
    let parsed: unknown;
    try { parsed = JSON.parse(body.toString('utf8')); } catch { parsed = undefined; }
    const value = (parsed as { input?: unknown } | undefined)?.input;
    if (typeof parsed !== 'object' || parsed === null || (value !== undefined && typeof value !== 'string')) {
      return sendError(res, 400, 'ADMIN_BODY_INVALID', 'the body must be a JSON object {"input": "<string>"}');
    }
    input = value as string | undefined;
  }
  return h.runAdmin(name, input, res);
}
