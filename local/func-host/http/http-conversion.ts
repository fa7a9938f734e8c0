import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcHttpCookie, RpcHttpData, RpcTypedData } from '../core-api.js';

/** Reads a request body fully, refusing more than `limitInBytes` (HTTP_BODY_TOO_LARGE). */
export async function readBody(req: IncomingMessage, limitInBytes = 100 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitInBytes) throw new Error(`HTTP_BODY_TOO_LARGE: the request body exceeds ${limitInBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A caller the host authenticated by key: the key's name and the roles FUNC_HOST_KEY_ROLES gives it. */
export interface KeyCaller {
  name: string;
  roles: string[];
}

/**
 * Converts a Node request into the worker's RpcHttp. `query` is left out on purpose: the
 * library then parses it from the URL (an empty `query` would hide it, notes §4.2 pitfall 14).
 * Client-sent `x-ms-client-principal*` headers are dropped, as App Service authentication drops
 * them; the caller the host authenticated (by key name) is set in their place, with its roles,
 * so the app reads a key's caller exactly as it reads an Entra ID caller on Azure.
 */
export function toRpcHttp(req: IncomingMessage, url: string, body: Buffer, params: Record<string, string>,
  caller?: KeyCaller): RpcHttpData {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined && !k.toLowerCase().startsWith('x-ms-client-principal')) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  if (caller) Object.assign(headers, principalHeaders(caller));
  return { method: req.method ?? 'GET', url, headers, params, body: { bytes: body } };
}

/**
 * App Service authentication's principal headers for a caller authenticated by a key: base64
 * JSON claims, with each role as a claim of type `roles` as Entra ID's app roles arrive.
 */
function principalHeaders(caller: KeyCaller): Record<string, string> {
  const claims = [{ typ: 'name', val: caller.name }, ...caller.roles.map((role) => ({ typ: 'roles', val: role }))];
  const principal = { auth_typ: 'key', name_typ: 'name', role_typ: 'roles', claims };
  return { 'x-ms-client-principal': Buffer.from(JSON.stringify(principal)).toString('base64'), 'x-ms-client-principal-name': caller.name,
    'x-ms-client-principal-id': caller.name, 'x-ms-client-principal-idp': 'key' };
}

/** Writes an RpcHttp response, or 204 when the function returned nothing (as the host does). */
export function writeRpcHttp(res: ServerResponse, data: RpcTypedData | undefined): void {
  const http = data?.http;
  if (!http) {
    res.writeHead(204).end();
    return;
  }
  const status = Number(http.statusCode ?? 200) || 200;
  for (const [k, v] of Object.entries(http.headers ?? {})) res.setHeader(k, v);
  const cookies = (http.cookies ?? []).map(formatCookie);
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  const body = http.body?.bytes ? Buffer.from(http.body.bytes) : http.body?.string !== undefined ? Buffer.from(http.body.string) : Buffer.alloc(0);
  res.writeHead(status);
  res.end(status === 204 || status === 304 ? undefined : body);
}

const SAME_SITE: Record<string, string> = { lax: 'Lax', strict: 'Strict', none: 'None', explicitNone: 'None', '1': 'Lax', '2': 'Strict', '3': 'None' };

/** Formats a cookie as a Set-Cookie header value. */
export function formatCookie(c: RpcHttpCookie): string {
  const parts = [`${c.name}=${c.value}`];
  if (c.domain?.value) parts.push(`Domain=${c.domain.value}`);
  if (c.path?.value) parts.push(`Path=${c.path.value}`);
  if (c.expires?.value) parts.push(`Expires=${new Date(c.expires.value.seconds * 1000).toUTCString()}`);
  if (c.maxAge?.value !== undefined) parts.push(`Max-Age=${c.maxAge.value}`);
  if (c.secure?.value) parts.push('Secure');
  if (c.httpOnly?.value) parts.push('HttpOnly');
  const sameSite = c.sameSite === undefined ? undefined : SAME_SITE[String(c.sameSite)];
  if (sameSite) parts.push(`SameSite=${sameSite}`);
  return parts.join('; ');
}

/** Sends a JSON error body `{ code, message }` (never a stack trace). */
export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { code, message });
}

/** Sends a JSON body with the given status and extra headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}
