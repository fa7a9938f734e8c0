import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before } from 'node:test';
import type { z } from 'zod';
import { startLocalStack, LOCAL_SUBSCRIPTION_ID, type LocalStack, type StartLocalStackOptions } from '../../../local/stack/start-local-stack.js';
import { createArmClients, type ArmClients } from '../../../shared/adapters/arm/create-arm-clients.js';
import { createArmCredential } from '../../../shared/adapters/arm/create-arm-credential.js';
import type { ClusterDetailSchema } from '../../../shared/api/api-schemas.js';
import type { DeploymentPlan } from '../../../shared/domain/deploy/deployment-plan.js';
import { waitFor } from '../../support/wait-for.js';
import { RBAC_ACTIONS_DIR_ENV, recordRbacActions } from './record-rbac-actions.js';
import { trustClusterCasIn } from './cluster-checks.js';

/** One answer of the API: its status, its body (parsed JSON, else the text), headers, and how long it took. */
export interface ApiAnswer { status: number; body: unknown; headers: Headers; ms: number }

/** What an API call sends besides method and path. */
export interface ApiCallOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (with the JSON content type unless `headers` say otherwise), for malformed bodies. */
  rawBody?: string;
  /** The function key; the stack's own unless given, and '' sends none. */
  key?: string;
  headers?: Record<string, string>;
}

/** An operation as `GET /api/operations/{id}` answers it. */
export interface OperationBody {
  id: string;
  status: string;
  percent: number;
  steps: { name: string; status: string; percent: number; message?: string; startedAt: string; endedAt?: string }[];
  createdAt: string;
  endedAt?: string;
  error?: { code: string; message: string; azureCode?: string };
}

/** A cluster as `GET /api/clusters/{name}` answers it, with the plan typed for the scenarios that read nodes from it. */
export type ClusterDetailBody = Omit<z.infer<typeof ClusterDetailSchema>, 'plan'> & { plan: DeploymentPlan };

/** The local stack for one scenario, in a fresh state directory, with the calls scenarios make. */
export interface E2eStack {
  stack: LocalStack;
  stateDir: string;
  /** Calls the API (or any host route) with the function key unless `options.key` says otherwise. */
  api(method: string, path: string, options?: ApiCallOptions): Promise<ApiAnswer>;
  /** Runs a non-HTTP function now through the host's admin endpoint, with the master key. */
  admin(functionName: string): Promise<ApiAnswer>;
  /** Polls an operation every second until `done(op)`; at the deadline throws with the last state seen. */
  waitForOperation(id: string, done: (op: OperationBody) => boolean, timeoutInMs: number): Promise<OperationBody>;
  /**
   * Deploys `spec` through `POST /api/clusters` and waits until the operation ends (ten minutes
   * unless told); throws with the operation's error unless it Succeeded, else returns the cluster.
   */
  deploy(spec: { cluster: { name: string } }, timeoutInMs?: number): Promise<ClusterDetailBody>;
  /**
   * The product's ARM clients, pointed at the stack's simulator, for acting on VMs as an operator
   * would: they sign in as the simulator's tool principal, so their calls are not counted as the app's.
   */
  armClients(): ArmClients;
  /** The simulator's resources (of `type`, when given) in the resource groups of `cluster`. */
  resourcesOf(cluster: string, type?: string): ReturnType<LocalStack['sim']['state']['resources']>;
  /** The generated superuser password, read from the owner-only secret file. */
  superuserPassword(cluster: string): string;
  /** Any secret the stack's local secret store holds, by name; throws when there is none. */
  secret(name: string): string;
  /**
   * Stops the stack and removes its state directory; first, when AUTOPILOT_RBAC_ACTIONS_DIR is
   * set, records the RBAC actions the app called on the simulator there (record-rbac-actions.ts).
   */
  dispose(): Promise<void>;
}

/** True once an operation ended, Succeeded or Failed (one awaiting approval has not). */
export function hasEnded(op: OperationBody): boolean {
  return op.status === 'Succeeded' || op.status === 'Failed';
}

/** Starts the stack for a scenario (app settings and simulator profile in `options`). */
export async function startE2eStack(options: Partial<StartLocalStackOptions> = {}): Promise<E2eStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'autopilot-e2e-'));
  // E2E_HOST_LOG=<file> keeps the Functions host's log lines for a post-mortem.
  const hostLog = process.env.E2E_HOST_LOG;
  trustClusterCasIn(join(stateDir, 'secrets', 'secrets.json'));
  const stack = await startLocalStack({ stateDir, ...(hostLog ? { onHostLine: (line: string) => appendFileSync(hostLog, `${line}\n`) } : {}), ...options });
  const api: E2eStack['api'] = async (method, path, o = {}) => {
    const started = Date.now();
    const key = o.key ?? stack.functionKey;
    const body = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    const response = await fetch(`${stack.apiUrl}${path}`, { method, headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(key ? { 'x-functions-key': key } : {}), ...(o.headers ?? {}) },
    ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text for the assertion message */ }
    return { status: response.status, body: parsed, headers: response.headers, ms: Date.now() - started };
  };
  const waitForOperation: E2eStack['waitForOperation'] = (id, done, timeoutInMs) =>
    waitFor(`operation ${id} to reach the expected state`, timeoutInMs, async () => {
      const answer = await api('GET', `/api/operations/${id}`);
      if (answer.status !== 200) throw new Error(`GET answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      const op = answer.body as OperationBody;
      if (done(op)) return op;
      // Thrown, not returned, so that a wait that times out reports the state it last saw.
      throw new Error(`last seen ${JSON.stringify(op)}`);
    }, { intervalInMs: 1000 });
  const secret: E2eStack['secret'] = (name) => {
    const all = JSON.parse(readFileSync(join(stateDir, 'secrets', 'secrets.json'), 'utf8')) as Record<string, string>;
    const value = all[name];
    if (!value) throw new Error(`no secret named ${name}`);
    return value;
  };
  return {
    stack, stateDir, api, waitForOperation,
    admin: (functionName) => api('POST', `/admin/functions/${functionName}`, { body: { input: '' }, key: stack.masterKey }),
    async deploy(spec, timeoutInMs = 600_000) {
      const accepted = await api('POST', '/api/clusters', { body: spec });
      if (accepted.status !== 202) throw new Error(`deploy refused: ${accepted.status} ${JSON.stringify(accepted.body)}`);
      const finished = await waitForOperation((accepted.body as { operationId: string }).operationId, hasEnded, timeoutInMs);
      if (finished.status !== 'Succeeded') throw new Error(`deployment ${finished.status}: ${JSON.stringify(finished.error)}`);
      return (await api('GET', `/api/clusters/${spec.cluster.name}`)).body as ClusterDetailBody;
    },
    armClients() {
      const { sim } = stack;
      return createArmClients({ subscriptionId: LOCAL_SUBSCRIPTION_ID, endpoint: sim.endpoint, caPem: sim.caPem,
        credential: createArmCredential({ kind: 'simulator', authorityHost: sim.tokenAuthorityHost, tenantId: sim.tenantId,
          clientId: sim.toolClientId, clientSecret: sim.toolClientSecret, caPem: sim.caPem }) });
    },
    resourcesOf(cluster, type) {
      return stack.sim.state.resources(type).filter((r) => String(r.id).toLowerCase().includes(`/resourcegroups/rg-${cluster}-`));
    },
    superuserPassword: (cluster) => secret(`${cluster}-cassandra-superuser`),
    secret,
    async dispose() {
      await stack.stop();
      const dir = process.env[RBAC_ACTIONS_DIR_ENV];
      if (dir) {
        recordRbacActions({ requestLogFile: stack.sim.requestLogFile, appClientId: stack.sim.clientId, dir,
          scenario: basename(process.argv[1] ?? 'unknown', '.test.js') });
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts one stack for the enclosing `describe` (in `before`) and disposes of it (in `after`).
 * The handle it returns reads through to that stack, so tests and later hooks use it as the stack
 * itself; touched before the stack is up, it throws.
 */
export function useE2eStack(options: Partial<StartLocalStackOptions> = {}): E2eStack {
  let started: E2eStack | undefined;
  before(async () => { started = await startE2eStack(options); });
  after(async () => { await started?.dispose(); });
  return new Proxy({} as E2eStack, {
    get(_, property) {
      if (!started) throw new Error('the end-to-end stack starts in before(): use it inside tests and hooks');
      return Reflect.get(started, property) as unknown;
    },
  });
}
