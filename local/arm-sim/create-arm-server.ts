import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ArmError } from './arm-error.js';
import { handleAdminRequest, type AdminDeps } from './handle-admin-request.js';
import type { SimResponse } from './handle-resource-request.js';
import type { RequestLog } from './request-log.js';
import { newRequestId, routeArmRequest, type RouterDeps } from './route-arm-request.js';
import { referencedIds } from './referenced-ids.js';
import { callerOf, verifyAccessToken, type SimulatorIdentity } from './simulator-identity.js';
import { handleTokenRequest, isTokenPath } from './handle-token-request.js';

/** Everything the HTTPS front needs. */
export interface ServeDeps extends RouterDeps, AdminDeps {
  identity: SimulatorIdentity;
  /** Tokens already verified (token → expiry ms). */
  verifiedTokens: Map<string, number>;
  log: RequestLog;
  baseUrl(): string;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** What the log keeps of an ARM request besides method and path, filled in as soon as it is known. */
interface RequestFacts {
  caller?: string;
  links?: string[];
}

/** Creates the simulator's HTTPS server (not yet listening) over `deps`. */
export function createArmServer(deps: ServeDeps, tls: { cert: string; key: string }): Server {
  const server = createServer({ cert: tls.cert, key: tls.key, keepAlive: true }, (req, res) => {
    void serve(deps, req, res);
  });
  server.keepAliveTimeout = 30_000;
  return server;
}

async function serve(deps: ServeDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const requestId = newRequestId();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', deps.baseUrl());
  let response: SimResponse;
  // Kept even when the request then fails: a refused or throttled call still needed its permission.
  const facts: RequestFacts = {};
  try {
    const raw = await readBody(req);
    response = await dispatch(deps, method, url, raw, req.headers.authorization, facts);
  } catch (error) {
    response = errorResponse(error);
  }
  const body = response.body === undefined || method === 'HEAD' ? '' : JSON.stringify(response.body);
  res.writeHead(response.status, {
    'content-type': 'application/json; charset=utf-8',
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': requestId,
    'content-length': Buffer.byteLength(body),
    ...response.headers,
  });
  res.end(body);
  const code = (response.body as { error?: { code?: string } } | undefined)?.error?.code;
  deps.log.record({
    time: new Date().toISOString(), method, path: url.pathname, apiVersion: url.searchParams.get('api-version') ?? undefined,
    status: response.status, durationInMs: Math.round((performance.now() - started) * 10) / 10, ...(code ? { code } : {}), requestId,
    ...facts,
  });
}

async function dispatch(deps: ServeDeps, method: string, url: URL, raw: string, authorization: string | undefined, facts: RequestFacts): Promise<SimResponse> {
  if (isTokenPath(url.pathname)) return handleTokenRequest(deps.identity, deps.baseUrl(), method, url.pathname, new URLSearchParams(raw));
  if (url.pathname.toLowerCase().startsWith('/_admin/')) return handleAdminRequest(deps, method, url, parseJson(raw));
  const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  // No WWW-Authenticate header: it would start the SDK's challenge flow instead of failing.
  if (!token) throw new ArmError('AuthenticationFailed', 'Authentication failed. The Authorization header is missing.');
  const refused = verifyAccessToken(deps.identity, token, Date.now(), deps.verifiedTokens);
  if (refused) throw new ArmError('InvalidAuthenticationToken', `The access token is invalid. ${refused}`);
  facts.caller = callerOf(token);
  const body = parseJson(raw);
  const links = referencedIds(body);
  if (links.length > 0) facts.links = links;
  return routeArmRequest(deps, { method, url, body });
}

function parseJson(raw: string): unknown {
  if (!raw.trim()) return undefined;
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ArmError('InvalidRequestContent', `The request content was invalid and could not be deserialized: ${(error as Error).message}.`);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ArmError('InvalidRequestContent', `The request body is larger than ${MAX_BODY_BYTES} bytes.`, { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function errorResponse(error: unknown): SimResponse {
  if (error instanceof ArmError) return { status: error.status, body: error.toBody(), headers: error.headers };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: { code: 'InternalServerError', message: `The simulator failed: ${message}`, details: [] } } };
}
