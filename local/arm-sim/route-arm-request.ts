import { randomUUID } from 'node:crypto';
import { ArmError, resourceGroupNotFound } from './arm-error.js';
import type { ComputeThrottle } from './compute-throttle.js';
import type { FaultInjector } from './fault-injector.js';
import { handleResourceRequest, present, type SimResponse } from './handle-resource-request.js';
import { handleOperationPoll } from './handle-operation-poll.js';
import { parseArmPath, type ArmPath } from './parse-arm-path.js';
import { runCommandCatalog } from './providers/run-command-catalog.js';
import { resourceKinds } from './resource-kinds.js';
import { handleResourceGroup, listResourceGroups } from './resource-groups.js';
import type { ResourceKind, ResourceTarget, SimulatorContext } from './simulator-context.js';
import { throttleVmWrite } from './throttle-vm-write.js';

/** The request as the router sees it. */
export interface ArmRequest {
  method: string;
  url: URL;
  body: unknown;
}

/** What routing needs besides the resource context. */
export interface RouterDeps {
  ctx: SimulatorContext;
  faults: FaultInjector;
  throttle?: ComputeThrottle;
}

const API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

/** Answers an authenticated ARM request: api-version check, faults, throttling, then the resource handlers. */
export async function routeArmRequest(deps: RouterDeps, req: ArmRequest): Promise<SimResponse> {
  const apiVersion = req.url.searchParams.get('api-version');
  if (!apiVersion) throw new ArmError('MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  if (!API_VERSION.test(apiVersion)) throw new ArmError('InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are dates in the form YYYY-MM-DD, optionally with -preview.`);
  const path = parseArmPath(req.url.pathname, req.method);
  const { ctx } = deps;
  switch (path.kind) {
    case 'operation':
      return handleOperationPoll(ctx, path.operationId, path.result, req.url);
    case 'resourceGroups':
      return listResourceGroups(ctx, path.subscriptionId);
    case 'resourceGroup':
      injectFault(deps, 'Microsoft.Resources/resourceGroups', [req.method]);
      return handleResourceGroup(ctx, req.method, path.subscriptionId, path.resourceGroup, req.body);
    case 'subscriptionList':
      return listInSubscription(ctx, path.subscriptionId, `${path.namespace}/${path.type}`, req.url.searchParams);
    case 'runCommandCatalog':
      return runCommandCatalog(path.location, path.commandId);
    case 'resource':
      return routeResource(deps, req, path);
    default:
      throw new ArmError('InvalidResourceType', `No route matches '${req.method} ${req.url.pathname}'.`, { status: 404 });
  }
}

async function routeResource(deps: RouterDeps, req: ArmRequest, path: Extract<ArmPath, { kind: 'resource' }>): Promise<SimResponse> {
  const typeName = `${path.namespace}/${path.types.join('/')}`;
  const kind = resourceKinds.get(typeName.toLowerCase());
  if (!kind) throw new ArmError('InvalidResourceType', `The resource type '${path.types.join('/')}' could not be found in the namespace '${path.namespace}'.`);
  const group = deps.ctx.store.get(`/subscriptions/${path.subscriptionId}/resourceGroups/${path.resourceGroup}`);
  if (!group) throw resourceGroupNotFound(path.resourceGroup);
  const target = buildTarget(deps.ctx, kind, path, group.body.name);
  const collection = path.names.length < path.types.length;
  injectFault(deps, kind.type, path.action ? [path.action, req.method] : [req.method]);
  const throttleHeaders = collection ? {} : throttleVmWrite(deps, req.method, target, path.action);
  const response = await handleResourceRequest(deps.ctx, kind, { method: req.method, target, collection, action: path.action, body: req.body, query: req.url.searchParams });
  return { ...response, headers: { ...response.headers, ...throttleHeaders } };
}

function buildTarget(ctx: SimulatorContext, kind: ResourceKind, path: Extract<ArmPath, { kind: 'resource' }>, group: string): ResourceTarget {
  const [namespace, ...types] = kind.type.split('/');
  const parts = path.names.flatMap((name, i) => [types[i]!, name]);
  if (path.names.length < types.length) parts.push(types[path.names.length]!);
  const built = `/subscriptions/${path.subscriptionId}/resourceGroups/${group}/providers/${namespace}/${parts.join('/')}`;
  const existing = path.names.length === types.length ? ctx.store.get(built) : undefined;
  const id = existing?.body.id ?? built;
  return { subscriptionId: path.subscriptionId, resourceGroup: group, namespace: namespace!, types, names: path.names, id };
}

function injectFault(deps: RouterDeps, resourceType: string, verbs: string[]): void {
  const fault = deps.faults.takeRequestFault(resourceType, verbs);
  if (!fault) return;
  if (fault.kind === 'throttle') {
    throw new ArmError('TooManyRequests', 'The request is being throttled as the limit has been reached for operation type. Injected by the simulator.', { headers: { 'retry-after': String(fault.retryAfterSeconds) } });
  }
  throw new ArmError(fault.code as 'Conflict', fault.message ?? `Injected failure: ${fault.code}.`, { status: fault.status ?? 500 });
}

function listInSubscription(ctx: SimulatorContext, subscriptionId: string, type: string, query: URLSearchParams): SimResponse {
  const kind = resourceKinds.get(type.toLowerCase());
  if (!kind) throw new ArmError('InvalidResourceType', `The resource type '${type}' could not be found.`);
  return { status: 200, body: { value: ctx.store.list(`/subscriptions/${subscriptionId}/`, kind.type).map((r) => present(ctx, kind, r, query)) } };
}

/** A fresh request id, as ARM sends in `x-ms-request-id`. */
export function newRequestId(): string {
  return randomUUID();
}
