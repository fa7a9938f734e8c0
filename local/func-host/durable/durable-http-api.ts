import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendJson } from '../http/http-conversion.js';
import { isTerminal, RuntimeStatus } from './history.js';
import { DurableApiError, type InstanceOperations } from './instance-operations.js';
import { managementUrls } from './durable-client-payload.js';
import { statusPayload } from './instance-status.js';
import type { InstanceFilter } from './task-hub-store.js';

/** What the management API needs besides the operations. */
export interface DurableApiContext {
  ops: InstanceOperations;
  hubName: string;
  origin: string;
  systemKey?: string;
  listInstances(filter: InstanceFilter, pageSize: number, token?: string): Promise<{ records: import('./instance-record.js').InstanceRecord[]; continuationToken?: string }>;
  readHistory(instanceId: string): Promise<import('./history.js').HistoryEvent[]>;
}

/**
 * Serves the Durable extension's HTTP API (HttpApiHandler) for `path` relative to
 * `/runtime/webhooks/durabletask/` (or the RPC base): orchestrators, instances, entities.
 * Error bodies are `{ code, message }`; status codes follow the extension (404 unknown, 410 finished).
 */
export async function handleDurableApi(ctx: DurableApiContext, req: IncomingMessage, res: ServerResponse, path: string[], url: URL, body: Buffer): Promise<void> {
  try {
    await route(ctx, req, res, path, url, body);
  } catch (error) {
    if (error instanceof DurableApiError) sendError(res, error.status, error.code, error.message);
    else throw error;
  }
}

async function route(ctx: DurableApiContext, req: IncomingMessage, res: ServerResponse, path: string[], url: URL, body: Buffer): Promise<void> {
  const method = req.method ?? 'GET';
  const [head, id, action, arg] = path;
  if (head === 'orchestrators' && id && method === 'POST' && path.length <= 3) {
    const instanceId = await ctx.ops.startNew(id, action, jsonBody(body, 'input'));
    const urls = managementUrls(ctx.origin, ctx.hubName, instanceId, ctx.systemKey);
    return sendJson(res, 202, urls, { location: urls.statusQueryGetUri as string });
  }
  if (head === 'instances' && !id && method === 'GET') return listInstances(ctx, req, res, url);
  if (head === 'instances' && !id && method === 'DELETE') {
    const deleted = await ctx.ops.purgeBy(filterFrom(url));
    return sendJson(res, deleted > 0 ? 200 : 404, { instancesDeleted: deleted });
  }
  if (head === 'instances' && id && !action && method === 'GET') return getStatus(ctx, res, id, url);
  if (head === 'instances' && id && !action && method === 'DELETE') {
    const deleted = await ctx.ops.purge(id);
    return sendJson(res, deleted > 0 ? 200 : 404, { instancesDeleted: deleted });
  }
  if (head === 'instances' && id && method === 'POST' && action) return instanceAction(ctx, req, res, id, action, arg, url, body);
  if (head === 'entities' && id && action !== undefined && path.length === 3) {
    if (method === 'POST') {
      const op = url.searchParams.get('op');
      if (!op) throw new DurableApiError(400, 'DURABLE_OPERATION_MISSING', 'query parameter "op" names the entity operation and is required');
      const isJson = /json/i.test(String(req.headers['content-type'] ?? 'application/json'));
      const input = body.length === 0 ? null : isJson ? jsonBody(body, 'operation input') : JSON.stringify(body.toString('utf8'));
      await ctx.ops.signalEntity(id, action, op, input);
      return void res.writeHead(202).end();
    }
    if (method === 'GET') {
      const state = await ctx.ops.readEntity(id, action);
      if (state === undefined) return sendError(res, 404, 'DURABLE_ENTITY_NOT_FOUND', `Entity @${id}@${action} does not exist.`);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      return void res.end(state);
    }
  }
  sendError(res, 404, 'DURABLE_API_NOT_FOUND', `No durable API at ${method} ${path.join('/')}`);
}

async function getStatus(ctx: DurableApiContext, res: ServerResponse, id: string, url: URL): Promise<void> {
  const record = await ctx.ops.read(id);
  if (!record) return sendError(res, 404, 'DURABLE_INSTANCE_NOT_FOUND', `No instance with ID '${id}' found.`);
  const flag = (name: string, dflt: boolean): boolean => (url.searchParams.get(name) ?? String(dflt)).toLowerCase() === 'true';
  const options = { showInput: flag('showInput', true), showHistory: flag('showHistory', false), showHistoryOutput: flag('showHistoryOutput', false) };
  const history = options.showHistory ? await ctx.readHistory(id) : undefined;
  const done = isTerminal(record.runtimeStatus);
  const headers: Record<string, string> = done ? {} : { location: url.href, 'retry-after': '5' };
  sendJson(res, done ? 200 : 202, statusPayload(record, options, history), headers);
}

async function listInstances(ctx: DurableApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const top = Number(url.searchParams.get('top') ?? 100);
  if (!Number.isInteger(top) || top < 1 || top > 1000) throw new DurableApiError(400, 'DURABLE_QUERY_INVALID', 'top must be an integer from 1 to 1000');
  const tokenHeader = req.headers['x-ms-continuation-token'];
  const token = typeof tokenHeader === 'string' && tokenHeader !== '' ? Buffer.from(tokenHeader, 'base64url').toString('utf8') : undefined;
  const page = await ctx.listInstances(filterFrom(url), top, token);
  const showInput = (url.searchParams.get('showInput') ?? 'false').toLowerCase() === 'true';
  const headers: Record<string, string> = page.continuationToken ? { 'x-ms-continuation-token': Buffer.from(page.continuationToken).toString('base64url') } : {};
  sendJson(res, 200, page.records.map((r) => statusPayload(r, { showInput, showHistory: false, showHistoryOutput: false })), headers);
}

async function instanceAction(ctx: DurableApiContext, req: IncomingMessage, res: ServerResponse, id: string, action: string,
  arg: string | undefined, url: URL, body: Buffer): Promise<void> {
  const reason = url.searchParams.get('reason') ?? '';
  let result: 'accepted' | 'notFound' | 'gone';
  if (action === 'raiseEvent' && arg) {
    if (!/json/i.test(String(req.headers['content-type'] ?? ''))) {
      throw new DurableApiError(400, 'DURABLE_CONTENT_TYPE_INVALID', 'raiseEvent requires Content-Type: application/json');
    }
    result = await ctx.ops.raiseEvent(id, arg, jsonBody(body, 'event data'));
  } else if (action === 'terminate' || action === 'suspend' || action === 'resume') {
    result = await ctx.ops.control(id, action, reason);
  } else if (action === 'rewind' || action === 'restart') {
    throw new DurableApiError(501, 'DURABLE_NOT_IMPLEMENTED', `${action} is not supported by the local host`);
  } else {
    throw new DurableApiError(404, 'DURABLE_API_NOT_FOUND', `No instance action named '${action}'`);
  }
  if (result === 'notFound') return sendError(res, 404, 'DURABLE_INSTANCE_NOT_FOUND', `No instance with ID '${id}' found.`);
  if (result === 'gone') return sendError(res, 410, 'DURABLE_INSTANCE_COMPLETED', `Instance '${id}' has already finished.`);
  res.writeHead(202).end();
}

/** JSON text of a body (null when empty). Errors: DURABLE_BODY_INVALID naming what the body is. */
function jsonBody(body: Buffer, what: string): string | null {
  if (body.length === 0) return null;
  const text = body.toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    throw new DurableApiError(400, 'DURABLE_BODY_INVALID', `the ${what} must be JSON`);
  }
  return text;
}

function filterFrom(url: URL): InstanceFilter {
  const time = (name: string): string | undefined => {
    const v = url.searchParams.get(name);
    if (!v) return undefined;
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw new DurableApiError(400, 'DURABLE_QUERY_INVALID', `${name} must be an ISO date-time`);
    return new Date(t).toISOString();
  };
  const statuses = (url.searchParams.get('runtimeStatus') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const s of statuses) {
    if (!(RuntimeStatus as readonly string[]).includes(s)) throw new DurableApiError(400, 'DURABLE_QUERY_INVALID', `runtimeStatus "${s}" is not one of ${RuntimeStatus.join(', ')}`);
  }
  return { createdTimeFrom: time('createdTimeFrom'), createdTimeTo: time('createdTimeTo'), runtimeStatus: statuses as RuntimeStatus[] };
}
