import { ArmError, resourceGroupNotFound, resourceNotFound } from './arm-error.js';
import type { ArmBody, StoredResource } from './resource-store.js';
import type { ResourceKind, ResourceTarget, SimulatorContext } from './simulator-context.js';

/** A response the HTTP layer sends as JSON. */
export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The request facts a resource handler needs. */
export interface ResourceRequest {
  method: string;
  target: ResourceTarget;
  /** True when the URL names a collection (one fewer name than types). */
  collection: boolean;
  action?: string;
  body: unknown;
  query: URLSearchParams;
}

/** Answers one request on a resource, its collection, or one of its actions. */
export async function handleResourceRequest(ctx: SimulatorContext, kind: ResourceKind, req: ResourceRequest): Promise<SimResponse> {
  const { target } = req;
  const group = ctx.store.get(`/subscriptions/${target.subscriptionId}/resourceGroups/${target.resourceGroup}`);
  if (!group) throw resourceGroupNotFound(target.resourceGroup);
  if (req.collection) {
    if (req.method !== 'GET') throw new ArmError('MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
    return { status: 200, body: { value: listChildren(ctx, kind, target).map((r) => present(ctx, kind, r, req.query)) } };
  }
  requireParent(ctx, target);
  const existing = ctx.store.get(target.id);
  if (req.action) return runAction(ctx, kind, req, existing);
  switch (req.method) {
    case 'GET':
      if (!existing) throw notFound(target);
      return { status: 200, body: present(ctx, kind, existing, req.query) };
    case 'PUT':
      return putResource(ctx, kind, req, existing, req.body);
    case 'PATCH':
      if (!existing) throw notFound(target);
      // Merge onto the served body, so inline children (subnets, rules) survive a tags-only PATCH.
      return putResource(ctx, kind, req, existing, mergePatch(present(ctx, kind, existing, req.query), req.body));
    case 'DELETE':
      return deleteResource(ctx, kind, req, existing);
    default:
      throw new ArmError('MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
  }
}

/** The served body of a stored resource. */
export function present(ctx: SimulatorContext, kind: ResourceKind, stored: StoredResource, query: URLSearchParams): ArmBody {
  return kind.present ? kind.present(ctx, stored, query) : stored.body;
}

function listChildren(ctx: SimulatorContext, kind: ResourceKind, target: ResourceTarget): StoredResource[] {
  const parentPath = target.id.split('/').slice(0, -1).join('/');
  return ctx.store.list(`${parentPath}/`, kind.type);
}

function requireParent(ctx: SimulatorContext, target: ResourceTarget): void {
  if (target.types.length < 2) return;
  const parentId = target.id.split('/').slice(0, -2).join('/');
  if (!ctx.store.get(parentId)) throw resourceNotFound(`${target.namespace}/${target.types.slice(0, -1).join('/')}`, target.names.slice(0, -1).join('/'), target.resourceGroup);
}

function notFound(target: ResourceTarget): ArmError {
  return resourceNotFound(`${target.namespace}/${target.types.join('/')}`, target.names.join('/'), target.resourceGroup);
}

function mergePatch(current: ArmBody, patch: unknown): unknown {
  const p = (patch ?? {}) as Record<string, unknown>;
  const properties = { ...current.properties, ...((p.properties as Record<string, unknown> | undefined) ?? {}) };
  return { ...current, ...p, properties };
}

async function putResource(ctx: SimulatorContext, kind: ResourceKind, req: ResourceRequest, existing: StoredResource | undefined, body: unknown): Promise<SimResponse> {
  const plan = kind.put(ctx, req.target, body, existing);
  const { stored } = plan;
  const status = existing ? 200 : kind.mode === 'sync' && kind.syncCreateStatus ? kind.syncCreateStatus : 201;
  if (kind.mode === 'sync') {
    stored.body.properties.provisioningState = 'Succeeded';
    ctx.store.put(stored);
    await ctx.store.commit();
    return { status, body: present(ctx, kind, stored, req.query) };
  }
  stored.body.properties.provisioningState = existing ? 'Updating' : 'Creating';
  ctx.store.put(stored);
  const fault = ctx.takeLroFault(kind.type, req.method);
  const { headers } = ctx.lro.start({
    subscriptionId: req.target.subscriptionId, namespace: req.target.namespace, location: locationOf(stored),
    delayInMs: ctx.latency.delayFor(plan.latency), target: { resourceId: stored.body.id, verb: req.method },
    work: async () => {
      try {
        if (fault) throw new ArmError(fault.code, fault.message);
        await plan.provision?.();
        setProvisioningState(ctx, stored.body.id, 'Succeeded');
      } catch (error) {
        setProvisioningState(ctx, stored.body.id, 'Failed');
        throw error;
      } finally {
        await ctx.store.commit();
      }
    },
  });
  await ctx.store.commit();
  return { status, body: present(ctx, kind, stored, req.query), headers: { 'azure-asyncoperation': headers['azure-asyncoperation'] } };
}

function setProvisioningState(ctx: SimulatorContext, id: string, state: string): void {
  const current = ctx.store.get(id);
  if (!current) return;
  current.body.properties.provisioningState = state;
  ctx.store.put(current);
}

async function deleteResource(ctx: SimulatorContext, kind: ResourceKind, req: ResourceRequest, existing: StoredResource | undefined): Promise<SimResponse> {
  if (!existing) return { status: 204 };
  kind.checkDelete?.(ctx, existing);
  if (kind.mode === 'sync') {
    await kind.onDelete?.(ctx, existing, req.query);
    ctx.store.delete(existing.body.id);
    await ctx.store.commit();
    return { status: 200 };
  }
  existing.body.properties.provisioningState = 'Deleting';
  ctx.store.put(existing);
  const fault = ctx.takeLroFault(kind.type, 'DELETE');
  const { headers } = ctx.lro.start({
    subscriptionId: req.target.subscriptionId, namespace: req.target.namespace, location: locationOf(existing),
    delayInMs: ctx.latency.delayFor(kind.deleteLatency ?? 'networkDelete'), target: { resourceId: existing.body.id, verb: 'DELETE' },
    work: async () => {
      try {
        if (fault) throw new ArmError(fault.code, fault.message);
        await kind.onDelete?.(ctx, existing, req.query);
        ctx.store.delete(existing.body.id);
      } catch (error) {
        setProvisioningState(ctx, existing.body.id, 'Failed');
        throw error;
      } finally {
        await ctx.store.commit();
      }
    },
  });
  await ctx.store.commit();
  return { status: 202, headers: { ...headers } };
}

async function runAction(ctx: SimulatorContext, kind: ResourceKind, req: ResourceRequest, existing: StoredResource | undefined): Promise<SimResponse> {
  const action = kind.actions?.[req.action!.toLowerCase()];
  if (!action || action.method !== req.method) {
    throw new ArmError('InvalidResourceType', `The resource type '${req.action}' could not be found in the namespace '${req.target.namespace}'.`);
  }
  if (!existing) throw notFound(req.target);
  const outcome = action.run(ctx, existing, req.body, req.query);
  if (outcome.kind === 'sync') {
    await ctx.store.commit();
    return { status: outcome.status ?? 200, body: outcome.body };
  }
  const fault = ctx.takeLroFault(kind.type, req.action!);
  const { headers } = ctx.lro.start({
    subscriptionId: req.target.subscriptionId, namespace: req.target.namespace, location: locationOf(existing),
    delayInMs: ctx.latency.delayFor(outcome.latency), target: { resourceId: existing.body.id, verb: req.action! },
    outputInStatus: outcome.outputInStatus,
    work: async () => {
      try {
        if (!fault) return await outcome.work();
        // Failing midway: the action's work happens (a script runs), then the operation fails.
        await outcome.work().catch(() => undefined);
        throw new ArmError(fault.code, fault.message);
      } finally {
        await ctx.store.commit();
      }
    },
  });
  await ctx.store.commit();
  return { status: 202, headers: { ...headers } };
}

function locationOf(stored: StoredResource): string {
  return (stored.body.location ?? 'local').replace(/\s+/g, '').toLowerCase();
}
