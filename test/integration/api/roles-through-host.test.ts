import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAzurite, type AzuriteInstance } from '../../../local/azurite/start-azurite.js';
import { startArmSimulator, type ArmSimulator } from '../../../local/arm-sim/start-arm-simulator.js';
import type { GuestDriver } from '../../../local/arm-sim/guest-driver.js';
import { startFunctionHost, type FunctionHostProcess } from '../../../local/func-host/start-function-host.js';
import { localAppSettings, localStackKeys, type LocalStackKeys } from '../../../local/stack/start-local-stack.js';
import { TableStateStore } from '../../../shared/adapters/state/table-state-store.js';
import { deploymentPlanFixture, localSpecFixture, validSpecFixture } from '../../support/deployment-plan-fixture.js';

const APP_DIR = fileURLToPath(new URL('../../../..', import.meta.url));
const CLUSTER = 'roles-orders';

// No VM is created here, and were one created it would boot nothing: this file never starts Cassandra.
const noGuest: GuestDriver = {
  runsRealProcesses: false,
  create: async () => undefined, start: async () => undefined, powerOff: async () => undefined,
  deallocate: async () => undefined, restart: async () => undefined, delete: async () => undefined,
  runScript: async () => ({ stdout: '', stderr: '', exitCode: 0 }), close: async () => undefined,
};

/**
 * The roles through the local Functions host running this app, with the local stack's named keys
 * (localStackKeys): the host calls each caller by its key's name and hands the app its roles as
 * App Service authentication hands over an Entra ID token's app roles.
 */
describe('who may do what, through the local Functions host and the stack\'s named keys', () => {
  let dir: string;
  let azurite: AzuriteInstance;
  let sim: ArmSimulator;
  let host: FunctionHostProcess;
  let keys: LocalStackKeys;

  type Answer = { status: number; body: { code?: string; message?: string; operationId?: string; requestedBy?: string; brokenBy?: string } };
  const call = async (key: string | undefined, method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${host.url}/api/${path}`, { method, headers: {
      ...(key ? { 'x-functions-key': key } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} } as Answer;
  };
  const forbidden = (answer: Answer, role: string, holder: string) => {
    assert.equal(answer.status, 403, JSON.stringify(answer.body));
    assert.equal(answer.body.code, 'CASSOPS_FORBIDDEN');
    assert.match(answer.body.message ?? '', new RegExp(`needs the ${role} role; '${holder}' holds`));
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'roles-'));
    azurite = await startAzurite({ location: join(dir, 'azurite') });
    sim = await startArmSimulator({ stateDir: join(dir, 'arm-sim'), guestDriver: noGuest });
    const caFile = join(dir, 'arm-sim-ca.pem');
    writeFileSync(caFile, sim.caPem);
    // A Ready cluster, as a finished deployment leaves it, in the tables the app reads.
    const store = new TableStateStore({ connectionString: azurite.connectionString });
    const at = '2026-01-01T00:00:00.000Z';
    await store.createCluster({ name: CLUSTER, state: 'Ready', spec: validSpecFixture(1, 3, { name: CLUSTER }),
      plan: deploymentPlanFixture(1, 3, { name: CLUSTER }), lastOperationId: 'deploy-1', createdAt: at, updatedAt: at });
    const local = localStackKeys();
    keys = local.keys;
    host = await startFunctionHost({ appDir: APP_DIR, storageConnectionString: azurite.connectionString, hubName: 'RolesHost',
      env: { ...localAppSettings({ stateDir: dir, sim, caFile }), ...local.hostSettings }, startTimeoutInMs: 60_000 });
  });
  after(async () => {
    await host?.stop();
    await sim?.stop();
    await azurite?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Reader: 200 on GET; 403 naming the role on deploy, repair, delete and lease break', async () => {
    assert.equal((await call(keys.reader, 'GET', 'clusters')).status, 200);
    assert.equal((await call(keys.reader, 'GET', `clusters/${CLUSTER}`)).status, 200);
    assert.equal((await call(keys.reader, 'GET', `clusters/${CLUSTER}/repairs`)).status, 200);
    forbidden(await call(keys.reader, 'DELETE', `clusters/${CLUSTER}?confirm=${CLUSTER}`), 'Admin', 'reader');
    forbidden(await call(keys.reader, 'POST', `clusters/${CLUSTER}/repairs`, { body: {} }), 'Operator', 'reader');
    forbidden(await call(keys.reader, 'POST', 'clusters', { body: localSpecFixture(1, 3, { name: 'roles-new' }) }), 'Operator', 'reader');
    forbidden(await call(keys.reader, 'POST', `clusters/${CLUSTER}/lease/break?confirm=${CLUSTER}`), 'Admin', 'reader');
  });

  it('a principal a client sends is dropped: a Reader key claiming Admin is still a Reader', async () => {
    const forged = Buffer.from(JSON.stringify({ auth_typ: 'aad', claims: [{ typ: 'name', val: 'mallory' }, { typ: 'roles', val: 'Admin' }] }))
      .toString('base64');
    forbidden(await call(keys.reader, 'DELETE', `clusters/${CLUSTER}?confirm=${CLUSTER}`, { headers: {
      'x-ms-client-principal': forged, 'x-ms-client-principal-name': 'mallory', 'x-ms-client-principal-id': 'mallory' } }), 'Admin', 'reader');
  });

  let repairOperation = '';
  it('Operator: starts a repair, recorded as requested by its key\'s name; 403 on delete and lease break', async () => {
    const started = await call(keys.operator, 'POST', `clusters/${CLUSTER}/repairs`, { body: {} });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    repairOperation = started.body.operationId ?? '';
    const operation = await call(keys.reader, 'GET', `operations/${repairOperation}`);
    assert.equal(operation.status, 200);
    assert.equal(operation.body.requestedBy, 'operator');
    forbidden(await call(keys.operator, 'DELETE', `clusters/${CLUSTER}?confirm=${CLUSTER}`), 'Admin', 'operator');
    forbidden(await call(keys.operator, 'POST', `clusters/${CLUSTER}/lease/break?confirm=${CLUSTER}`), 'Admin', 'operator');
  });

  it('Admin: reads, breaks the lease and deletes, each recorded under its key\'s name', async () => {
    assert.equal((await call(keys.admin, 'GET', `clusters/${CLUSTER}`)).status, 200);
    const broken = await call(keys.admin, 'POST', `clusters/${CLUSTER}/lease/break?confirm=${CLUSTER}`);
    assert.equal(broken.status, 200, JSON.stringify(broken.body));
    assert.equal(broken.body.brokenBy, 'admin');
    const deleted = await call(keys.admin, 'DELETE', `clusters/${CLUSTER}?confirm=${CLUSTER}`);
    assert.equal(deleted.status, 202, JSON.stringify(deleted.body));
    assert.equal((await call(keys.admin, 'GET', `operations/${deleted.body.operationId}`)).body.requestedBy, 'admin');
  });

  it('the master key is Admin; no key or a wrong one is 401 before any role is asked', async () => {
    const broken = await call(keys.master, 'POST', `clusters/${CLUSTER}/lease/break?confirm=${CLUSTER}`);
    assert.equal(broken.status, 200, JSON.stringify(broken.body));
    assert.equal(broken.body.brokenBy, 'master');
    assert.equal((await call(undefined, 'GET', 'clusters')).status, 401);
    assert.equal((await call('not-a-key', 'GET', 'clusters')).status, 401);
  });

  it('the alerts webhook needs its key and no role; the OpenAPI document needs nothing', async () => {
    const alert = await call(keys.reader, 'POST', 'alerts', { body: { schemaId: 'not the common alert schema' } });
    assert.equal(alert.status, 400, JSON.stringify(alert.body));
    assert.equal((await call(undefined, 'GET', 'openapi.json')).status, 200);
  });
});
