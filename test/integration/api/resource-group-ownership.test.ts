import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSimulator, SUBSCRIPTION, LOCATION, type TestSimulator } from '../arm-sim/start-test-simulator.js';
import { useAzurite } from '../../support/azurite-fixture.js';
import { ArmDeployer } from '../../../shared/adapters/arm/arm-deployer.js';
import { TableStateStore } from '../../../shared/adapters/state/table-state-store.js';
import { createClusterRequest } from '../../../shared/api/create-cluster-request.js';
import { deleteClusterRequest } from '../../../shared/api/delete-cluster-request.js';
import { responseFromError, type ApiResponse } from '../../../shared/api/api-response.js';
import { ErrorBodySchema } from '../../../shared/api/api-schemas.js';
import type { ClusterApiDeps } from '../../../shared/api/cluster-api-deps.js';
import { createNetworkActivities } from '../../../shared/activities/network-activities.js';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { localSpecFixture } from '../../support/deployment-plan-fixture.js';

const APP_GROUP = 'rg-autopilot-app';
// The spec's subscription (the simulator's clients carry their own; the spec's must match the app's).
const SPEC_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHRlc3RrZXlmb3JzaW11bGF0b3Jvbmx5 test';
type Spec = { azure: Record<string, unknown>; datacenters: Record<string, unknown>[] };
const spec = (name: string, edit: (s: Spec) => void = () => undefined) => {
  const s = localSpecFixture(2, 1, { name }) as unknown as Spec;
  edit(s);
  return s;
};

// Real ARM behaviour matters here (a GET of a group, its tags, the request log), so the handlers
// run against ArmDeployer on the simulator, with their records in Azurite.
describe('resource group ownership through the API (simulator and Azurite)', () => {
  let t: TestSimulator;
  let deps: ClusterApiDeps;
  let store: TableStateStore;
  let ids = 0;
  const started: string[] = [];
  // The orchestration client's twin: a started instance runs until a test completes it.
  const completed = new Set<string>();
  const call = async (work: () => Promise<ApiResponse>) => { try { return await work(); } catch (e) { return responseFromError(e); } };
  const post = (body: unknown) => call(() => createClusterRequest(deps, body, undefined, 'ci-key'));
  const groups = () => t.sim.state.resources('Microsoft.Resources/resourceGroups')
    .map((g) => ({ name: g.name, tags: g.tags ?? {} })).sort((a, b) => a.name.localeCompare(b.name));
  const writes = async () => ((await t.admin('GET', '/_admin/requests')).body as { value: { method: string; path: string }[] })
    .value.filter((r) => r.method !== 'GET' && !r.path.includes('/oauth2/'));
  const byHand = (name: string, tags?: Record<string, string>) =>
    t.clients.resources.resourceGroups.createOrUpdate(name, { location: LOCATION, ...(tags ? { tags } : {}) });

  useAzurite('ownership', (azurite) => {
    store = new TableStateStore({ connectionString: azurite.connectionString, tablePrefix: 'own' });
  });
  before(async () => {
    t = await startTestSimulator();
    const arm = new ArmDeployer(t.clients, { subscriptionId: SUBSCRIPTION, pollIntervalInMs: 0, sshPublicKey: SSH_KEY, clusterTag: 'autopilot-cluster' });
    deps = { state: store, arm, appResourceGroup: APP_GROUP, target: 'local', subscriptionId: SPEC_SUBSCRIPTION,
      settings: { joinTimeoutInMs: 1000, joinPollIntervalInMs: 100, nodeConcurrency: 4, firstBoot: 'parallel' }, leaseTtlInMs: 60_000, ensureClusterCa: async () => undefined,
      orchestrations: { start: async (_name, instanceId) => { started.push(instanceId); }, state: async (id) => (completed.has(id) ? 'Completed' : 'Running'),
        raiseEvent: async () => undefined },
      now: () => new Date('2026-01-01T00:00:00Z'), newId: () => `op-${++ids}` };
    await byHand('rg-someone-else');
    await byHand('rg-other-cluster', { 'autopilot-cluster': 'other' });
    await byHand(APP_GROUP, { env: 'prod' });
  });
  after(async () => { await t.dispose(); });

  /** Posts `body` and asserts a 400 naming `paths`, with no record, no start and no ARM write. */
  async function refused(name: string, body: unknown, paths: string[]): Promise<void> {
    const before = { groups: groups(), writes: (await writes()).length, started: started.length };
    const res = await post(body);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    const error = ErrorBodySchema.parse(res.body);
    assert.equal(error.code, 'CASSOPS_SPEC_INVALID');
    assert.deepEqual(error.issues?.map((i) => i.path), paths);
    assert.equal(await store.getCluster(name), undefined);
    assert.equal(started.length, before.started);
    assert.deepEqual(groups(), before.groups);
    assert.deepEqual((await writes()).slice(before.writes), []);
  }

  it('refuses an existing untagged group named by azure.resourceGroup: 400 with its path, nothing touched', async () => {
    await refused('own-a', spec('own-a', (s) => { s.azure.resourceGroup = 'rg-someone-else'; }), ['$.azure.resourceGroup']);
  });

  it('refuses a group another cluster owns, named by a DC, with that DC\'s path', async () => {
    await refused('own-b', spec('own-b', (s) => { s.datacenters[1]!.resourceGroup = 'rg-other-cluster'; }), ['$.datacenters[1].resourceGroup']);
  });

  it('refuses the app\'s own resource group whatever its tags, in any casing', async () => {
    await refused('own-c', spec('own-c', (s) => { s.datacenters[0]!.resourceGroup = APP_GROUP.toUpperCase(); }), ['$.datacenters[0].resourceGroup']);
  });

  it('accepts new groups and a group this cluster already owns, writing nothing to ARM at request time', async () => {
    await byHand('rg-own-d', { 'autopilot-cluster': 'own-d' });
    const before = (await writes()).length;
    const res = await post(spec('own-d', (s) => { s.datacenters[0]!.resourceGroup = 'rg-own-d'; }));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.deepEqual((await writes()).slice(before), []);
  });

  it('plans a group named by several DCs once', async () => {
    const res = await post(spec('own-e', (s) => { s.azure.resourceGroup = 'rg-own-e-shared'; }));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.deepEqual((await store.getCluster('own-e'))?.plan.resourceGroups.map((g) => g.name), ['rg-own-e-shared']);
  });

  it('never deletes an untagged group a cluster record points at: the group survives and the reason is returned', async () => {
    const created = (await store.getCluster('own-d'))!;
    await store.replaceCluster({ ...created, plan: { ...created.plan, resourceGroups: [{ name: 'rg-someone-else', location: LOCATION }] } });
    await store.setClusterState('own-d', 'Ready', created.lastOperationId, '2026-01-01T00:01:00Z');
    await store.finishOperation(created.lastOperationId, { status: 'Succeeded', at: '2026-01-01T00:01:00Z' });
    completed.add(created.lastOperationId);
    const res = await call(() => deleteClusterRequest(deps, 'own-d', 'own-d', 'ci-key'));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const network = createNetworkActivities({ arm: deps.arm, state: store, appResourceGroup: APP_GROUP } as unknown as ActivityDeps);
    const result = await network.deleteResourceGroup({ clusterName: 'own-d', name: 'rg-someone-else', location: LOCATION });
    assert.equal(result.ok && result.value.deleted, false);
    assert.match(result.ok ? result.value.reason ?? '' : '', /autopilot-cluster=own-d/);
    assert.ok(groups().some((g) => g.name === 'rg-someone-else'));
  });
});
