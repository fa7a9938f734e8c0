import { ArmError } from './arm-error.js';
import { faultRuleSchema, type FaultInjector } from './fault-injector.js';
import type { LroEngine } from './lro-engine.js';
import type { SimResponse } from './handle-resource-request.js';
import { parseBody } from './providers/parse-body.js';
import type { RequestLog } from './request-log.js';
import type { ResourceStore } from './resource-store.js';

/** What the admin endpoint reads and changes. */
export interface AdminDeps {
  store: ResourceStore;
  faults: FaultInjector;
  log: RequestLog;
  lro: LroEngine;
}

/**
 * The simulator's own endpoints under `/_admin` (loopback only, no ARM auth):
 * `GET /_admin/state[?type=]` lists resources as ARM shows them (write-only inputs such as
 * customData never appear); `GET /_admin/requests` the request log; `GET /_admin/operations` the
 * long-running operations with the durations drawn for them (what a benchmark's bound is made of);
 * `GET|POST|DELETE /_admin/faults` lists, adds (body: a fault rule) or clears fault rules.
 */
export function handleAdminRequest(deps: AdminDeps, method: string, url: URL, body: unknown): SimResponse {
  const route = `${method} ${url.pathname.replace(/\/+$/, '').toLowerCase()}`;
  switch (route) {
    case 'GET /_admin/state': {
      const type = url.searchParams.get('type')?.toLowerCase();
      const value = deps.store.all().map((r) => r.body).filter((b) => !type || b.type.toLowerCase() === type);
      return { status: 200, body: { count: value.length, value } };
    }
    case 'GET /_admin/requests':
      return { status: 200, body: { value: deps.log.entries() } };
    case 'GET /_admin/operations':
      return { status: 200, body: { value: deps.lro.list() } };
    case 'GET /_admin/faults':
      return { status: 200, body: { value: deps.faults.list() } };
    case 'POST /_admin/faults':
      return { status: 201, body: { id: deps.faults.add(parseBody(faultRuleSchema, body)) } };
    case 'DELETE /_admin/faults':
      deps.faults.clear();
      return { status: 204 };
    default:
      throw new ArmError('NotFound', `No admin route for '${method} ${url.pathname}'. Known: GET /_admin/state, GET /_admin/requests, GET /_admin/operations, GET|POST|DELETE /_admin/faults.`);
  }
}
