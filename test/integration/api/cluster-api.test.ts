import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite, type AzuriteInstance } from '../../../local/azurite/start-azurite.js';
import { TableStateStore } from '../../../shared/adapters/state/table-state-store.js';
import { createClusterRequest } from '../../../shared/api/create-cluster-request.js';
import { deleteClusterRequest } from '../../../shared/api/delete-cluster-request.js';
import { breakLeaseRequest } from '../../../shared/api/break-lease-request.js';
import { getClusterRequest, getOperationRequest, listClustersRequest } from '../../../shared/api/read-requests.js';
import { MAX_BODY_BYTES, parseJsonBody, readJsonBody } from '../../../shared/api/parse-json-body.js';
import { responseFromError, type ApiResponse } from '../../../shared/api/api-response.js';
import { AcceptedSchema, ClusterDetailSchema, ClusterListSchema, ErrorBodySchema, OperationSchema } from '../../../shared/api/api-schemas.js';
import type { ClusterApiDeps } from '../../../shared/api/cluster-api-deps.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import { localSpecFixture } from '../../support/deployment-plan-fixture.js';
import type { InstanceState } from '../../../shared/domain/operations/lease.js';
import { fillSpecTo } from '../../support/oversized-spec.js';
import { InMemoryArm } from '../../../shared/adapters/memory/in-memory-arm.js';

const SUB = '00000000-0000-0000-0000-000000000000';
const spec = (name: string) => localSpecFixture(1, 3, { name });

describe('cluster API handlers on Table storage (Azurite)', () => {
  let azurite: AzuriteInstance;
  let dir: string;
  let deps: ClusterApiDeps;
  const casEnsured: string[] = [];
  let store: TableStateStore;
  const started: { name: string; instanceId: string }[] = [];
  // The orchestration client's twin: a started instance runs until a test says otherwise.
  const states = new Map<string, InstanceState>();
  let ids = 0;
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const call = async (work: () => Promise<ApiResponse>) => { try { return await work(); } catch (e) { return responseFromError(e); } };
  const post = (body: unknown, key?: string) => call(() => createClusterRequest(deps, body, key, 'ci-key'));
  const postText = (text: string, type: string | null = 'application/json') => call(async () => createClusterRequest(deps, parseJsonBody(text, type), undefined, 'ci-key'));
  // As the HTTP trigger reads it: a streamed body with no declared length (chunked).
  const postChunked = (chunks: string[]) => call(async () => {
    const body = new ReadableStream<Uint8Array>({ start: (c) => { for (const x of chunks) c.enqueue(Buffer.from(x)); c.close(); } });
    const request = new Request('http://localhost/api/clusters', { method: 'POST', body, headers: { 'content-type': 'application/json' },
      duplex: 'half' } as RequestInit);
    return createClusterRequest(deps, await readJsonBody(request), undefined, 'ci-key');
  });
  const del = (name: string, confirm: string | null) => call(() => deleteClusterRequest(deps, name, confirm, 'ci-key'));
  const opId = (res: ApiResponse) => (res.body as { operationId: string }).operationId;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'api-'));
    azurite = await startAzurite({ location: dir });
    store = new TableStateStore({ connectionString: azurite.connectionString, tablePrefix: 'api' });
    // No group of these specs exists in the twin, so every ownership check passes.
    deps = { state: store, arm: new InMemoryArm(), target: 'local', subscriptionId: SUB,
      settings: { joinTimeoutInMs: 1000, joinPollIntervalInMs: 100, nodeConcurrency: 4, firstBoot: 'parallel' },
      leaseTtlInMs: 60_000, ensureClusterCa: async (name) => { casEnsured.push(name); },
      orchestrations: {
        start: async (name, instanceId) => { started.push({ name, instanceId }); states.set(instanceId, 'Running'); },
        state: async (instanceId) => states.get(instanceId) ?? 'NotFound',
        raiseEvent: async () => undefined,
      },
      now: () => new Date(clock), newId: () => `op-${++ids}` };
  });
  after(async () => { await azurite.stop(); rmSync(dir, { recursive: true, force: true }); });

  it('accepts a valid spec: 202 with the operation, records cluster, nodes and operation, starts deployCluster', async () => {
    const res = await post(spec('alpha'));
    assert.equal(res.status, 202);
    const body = AcceptedSchema.parse(res.body);
    assert.equal(body.statusUrl, `/api/operations/${body.operationId}`);
    assert.deepEqual(started.at(-1), { name: ORCHESTRATIONS.deployCluster, instanceId: body.operationId });
    const op = OperationSchema.parse((await getOperationRequest(deps, body.operationId)).body);
    assert.equal(op.requestedBy, 'ci-key');
    assert.equal(op.trigger, 'api');
    const cluster = await getClusterRequest(deps, 'alpha');
    const detail = ClusterDetailSchema.parse(cluster.body);
    assert.equal(detail.state, 'Provisioning');
    assert.equal(detail.runningOperationId, body.operationId);
    assert.deepEqual(detail.nodes.map((n) => n.state), ['Planned', 'Planned', 'Planned']);
    assert.equal(JSON.stringify(detail.plan).includes('customData'), false);
    OperationSchema.parse((await getOperationRequest(deps, body.operationId)).body);
    ClusterListSchema.parse((await listClustersRequest(deps)).body);
  });

  it('answers 409 for a second create of an existing name', async () => {
    const res = await post(spec('alpha'));
    assert.equal(res.status, 409);
    assert.equal(ErrorBodySchema.parse(res.body).code, 'CASSOPS_CLUSTER_EXISTS');
  });

  it('returns the same operation for a retried Idempotency-Key, and 422 for the key with another body', async () => {
    const first = await post(spec('beta'), 'key-beta');
    const again = await post(spec('beta'), 'key-beta');
    assert.equal(first.status, 202);
    assert.deepEqual(again.body, first.body);
    assert.equal(started.filter((s) => s.instanceId === (first.body as { operationId: string }).operationId).length, 1);
    const other = await post(spec('gamma'), 'key-beta');
    assert.equal(other.status, 422);
    assert.equal((other.body as { code: string }).code, 'CASSOPS_IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a delete while the deployment holds the lease, naming the running operation', async () => {
    const res = await del('alpha', 'alpha');
    assert.equal(res.status, 409);
    const lease = await store.readLease('alpha');
    assert.match((res.body as { message: string }).message, new RegExp(lease.holders[0]?.operationId ?? 'none'));
  });

  it('re-runs a failed cluster with the same spec (same key resumes the same operation)', async () => {
    const first = (await post(spec('delta'), 'key-delta')).body as { operationId: string };
    await store.finishOperation(first.operationId, { status: 'Failed', at: '2026-01-01T00:01:00Z', error: { code: 'CASSOPS_ARM_FAILED', message: 'AllocationFailed' } });
    await store.setClusterState('delta', 'Failed', first.operationId, '2026-01-01T00:01:00Z');
    states.set(first.operationId, 'Completed');
    const again = await post(spec('delta'), 'key-delta');
    assert.equal(again.status, 202);
    assert.equal((again.body as { operationId: string }).operationId, first.operationId);
    assert.equal(started.filter((s) => s.instanceId === first.operationId).length, 2);
    assert.equal((await store.getOperation(first.operationId))?.status, 'Running');
  });

  it('rejects bad requests with 4xx JSON naming the problem', async () => {
    const cases: [Promise<ApiResponse>, number, string, RegExp][] = [
      [postText('{"cluster": '), 400, 'CASSOPS_REQUEST_MALFORMED_JSON', /not valid JSON/],
      [postText(''), 400, 'CASSOPS_REQUEST_MALFORMED_JSON', /empty/],
      [postText('{}', 'text/plain'), 415, 'CASSOPS_REQUEST_UNSUPPORTED_MEDIA_TYPE', /text\/plain/],
      [postText(JSON.stringify(spec('no-type')), null), 415, 'CASSOPS_REQUEST_UNSUPPORTED_MEDIA_TYPE', /no Content-Type/],
      [postText(JSON.stringify({ pad: 'x'.repeat(300_000) })), 413, 'CASSOPS_REQUEST_TOO_LARGE', /larger/],
      [post({ ...spec('eps'), colour: 'blue' }), 400, 'CASSOPS_SPEC_INVALID', /problem/],
      [post([1, 2]), 400, 'CASSOPS_SPEC_INVALID', /problem/],
      [post(spec('epsilon'), 'bad key with spaces'), 400, 'CASSOPS_REQUEST_INVALID', /Idempotency-Key/],
      [del('alpha', 'alpah'), 400, 'CASSOPS_CONFIRM_MISMATCH', /confirm=alpha/],
      [del('nosuch', 'nosuch'), 404, 'CASSOPS_CLUSTER_NOT_FOUND', /nosuch/],
      [call(() => getClusterRequest(deps, '../etc')), 404, 'CASSOPS_CLUSTER_NOT_FOUND', /etc/],
      [call(() => getOperationRequest(deps, 'no/such#op')), 404, 'CASSOPS_OPERATION_NOT_FOUND', /no\/such/],
    ];
    for (const [pending, status, code, message] of cases) {
      const res = await pending;
      assert.equal(res.status, status, code);
      const body = ErrorBodySchema.parse(res.body);
      assert.equal(body.code, code);
      assert.match(body.message, message);
    }
  });

  it('refuses an Idempotency-Key Table storage cannot hold with 400 naming the header, storing nothing', async () => {
    for (const key of ['a/b', 'a\\b', 'a#b', 'a?b', 'tab\tkey', 'c1\u0085']) {
      const res = await post(spec('kappa'), key);
      assert.equal(res.status, 400, JSON.stringify(key));
      const body = ErrorBodySchema.parse(res.body);
      assert.equal(body.code, 'CASSOPS_REQUEST_INVALID');
      assert.deepEqual(body.issues?.map((i) => i.path), ['header:Idempotency-Key']);
    }
    assert.equal(await store.getCluster('kappa'), undefined);
  });

  it('reads a chunked body: a spec is accepted, one growing past the limit is 413 and nothing is recorded', async () => {
    const text = JSON.stringify(spec('lambda'));
    assert.equal((await postChunked([text.slice(0, 10), text.slice(10)])).status, 202);
    const oversize = JSON.stringify({ ...spec('mu'), pad: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await postChunked(oversize.match(/[\s\S]{1,16384}/g) ?? []);
    assert.equal(res.status, 413);
    assert.equal(ErrorBodySchema.parse(res.body).code, 'CASSOPS_REQUEST_TOO_LARGE');
    assert.equal(await store.getCluster('mu'), undefined);
  });

  it('lists every issue of an invalid spec with its JSON path', async () => {
    const bad = spec('zeta') as { datacenters: Record<string, unknown>[]; cluster: Record<string, unknown> };
    bad.datacenters[0]!.nodes = 'three';
    bad.cluster.name = 'Bad_Name';
    (bad as Record<string, unknown>).extra = true;
    const res = await post(bad);
    const issues = ErrorBodySchema.parse(res.body).issues ?? [];
    assert.deepEqual(issues.map((i) => i.path).sort(), ['$.cluster.name', '$.datacenters[0].nodes', '$.extra']);
  });

  it('answers a full-size body asking for too many datacenters and keyspaces with 400 naming both limits', async () => {
    const big = spec('iota') as { datacenters: object[] } & Record<string, unknown>;
    const dc = big.datacenters[0]!;
    fillSpecTo(big, 'datacenters', (i) => ({ ...dc, name: `dc${i}` }), MAX_BODY_BYTES / 2);
    fillSpecTo(big, 'keyspaces', (i) => ({ name: `ks${i}`, replication: { dc1: 3 } }), MAX_BODY_BYTES);
    const text = JSON.stringify(big);
    assert.ok(text.length > MAX_BODY_BYTES * 0.95 && text.length <= MAX_BODY_BYTES);
    const res = await postText(text);
    assert.equal(res.status, 400);
    const body = ErrorBodySchema.parse(res.body);
    assert.equal(body.code, 'CASSOPS_SPEC_INVALID');
    assert.deepEqual(body.issues?.map((i) => [i.path, i.message.replace(/ \(has \d+\)$/, '')]), [
      ['$.datacenters', 'must have at most 10 datacenters'],
      ['$.keyspaces', 'must have at most 100 keyspaces'],
    ]);
    assert.equal(await store.getCluster('iota'), undefined);
  });

  it('refuses a spec for another subscription than the app manages', async () => {
    const other = spec('eta') as { azure: Record<string, unknown> };
    other.azure.subscriptionId = '11111111-1111-1111-1111-111111111111';
    const res = await post(other);
    assert.deepEqual(ErrorBodySchema.parse(res.body).issues?.map((i) => i.path), ['$.azure.subscriptionId']);
  });

  it('deletes with confirm: 202, cluster Deleting, deleteCluster started with the cluster\'s resource groups', async () => {
    const created = (await post(spec('theta'))).body as { operationId: string };
    await store.finishOperation(created.operationId, { status: 'Succeeded', at: '2026-01-01T00:01:00Z' });
    await store.setClusterState('theta', 'Ready', created.operationId, '2026-01-01T00:01:00Z');
    states.set(created.operationId, 'Completed');
    const res = await del('theta', 'theta');
    assert.equal(res.status, 202);
    assert.equal(started.at(-1)?.name, ORCHESTRATIONS.deleteCluster);
    assert.equal((await store.getCluster('theta'))?.state, 'Deleting');
  });

  describe('the operation lifecycle', () => {
    const abandoned = async (id: string) => {
      const op = OperationSchema.parse((await getOperationRequest(deps, id)).body);
      assert.equal(op.status, 'Failed');
      assert.equal(op.error?.code, 'CASSOPS_OPERATION_ABANDONED');
    };
    const takenOver = async (res: ApiResponse, from: string) => {
      assert.equal(res.status, 202, JSON.stringify(res.body));
      const op = OperationSchema.parse((await getOperationRequest(deps, opId(res))).body);
      assert.deepEqual(op.tookOverFrom?.map((t) => t.operationId), [from]);
      assert.deepEqual((await store.readLease(op.clusterName)).holders.map((h) => h.operationId), [opId(res)]);
    };

    it('takes over a lease left by a terminated orchestration, closing its operation', async () => {
      const first = await post(spec('lc-term'));
      states.set(opId(first), 'Terminated');
      const again = await post(spec('lc-term'));
      await takenOver(again, opId(first));
      await abandoned(opId(first));
      assert.equal(started.at(-1)?.instanceId, opId(again));
    });

    it('takes over a lease left by a host killed between claim and start, once the claim expired', async () => {
      // The host dies inside the start call: the lease is claimed and the records written, but no instance exists.
      const killed = deps.orchestrations.start;
      // Restored only once the start was called: the records are written before it, so their
      // presence alone would let a slow start reach the restored fake and really start.
      let hung = false;
      deps.orchestrations.start = () => { hung = true; return new Promise(() => undefined); };
      void post(spec('lc-kill'));
      await waitUntil(async () => hung);
      deps.orchestrations.start = killed;
      const holder = (await store.readLease('lc-kill')).holders[0]!;
      const early = await post(spec('lc-kill'));
      assert.equal(early.status, 409, 'within the claim TTL the start may still be in flight');
      clock += 61_000;
      const late = await post(spec('lc-kill'));
      await takenOver(late, holder.operationId);
      await abandoned(holder.operationId);
      clock -= 61_000;
    });

    it('takes over a lease whose holder failed to finish (orchestration Failed, record still Running)', async () => {
      const first = await post(spec('lc-fin'));
      states.set(opId(first), 'Failed');
      const del1 = await del('lc-fin', 'lc-fin');
      await takenOver(del1, opId(first));
      await abandoned(opId(first));
    });

    it('starts exactly one orchestration for two simultaneous creates with the same key', async () => {
      const before = started.length;
      const [a, b] = await Promise.all([post(spec('lc-same'), 'key-same'), post(spec('lc-same'), 'key-same')]);
      assert.equal(a.status, 202);
      assert.equal(b.status, 202);
      assert.equal(opId(a), opId(b));
      assert.equal(started.length - before, 1);
      assert.deepEqual((await store.readLease('lc-same')).holders.map((h) => h.operationId), [opId(a)]);
    });

    it('starts exactly one orchestration for two simultaneous creates with different keys; the loser keeps its hands off the lease', async () => {
      const before = started.length;
      const [a, b] = await Promise.all([post(spec('lc-diff'), 'key-diff-a'), post(spec('lc-diff'), 'key-diff-b')]);
      assert.deepEqual([a.status, b.status].sort(), [202, 409]);
      assert.equal(started.length - before, 1);
      const winner = a.status === 202 ? a : b;
      assert.deepEqual((await store.readLease('lc-diff')).holders.map((h) => h.operationId), [opId(winner)]);
      assert.equal(states.get(opId(winner)), 'Running');
    });

    it('breaks a lease by hand only with confirm, and records who did it', async () => {
      const first = await post(spec('lc-break'));
      const refused = await call(() => breakLeaseRequest(deps, 'lc-break', null, 'admin-key'));
      assert.equal(refused.status, 400);
      assert.equal(ErrorBodySchema.parse(refused.body).issues?.[0]?.path, 'query:confirm');
      const broken = await call(() => breakLeaseRequest(deps, 'lc-break', 'lc-break', 'admin-key'));
      assert.equal(broken.status, 200);
      assert.deepEqual((broken.body as { broken: { operationId: string }[] }).broken.map((b) => b.operationId), [opId(first)]);
      assert.deepEqual((await store.readLease('lc-break')).holders, []);
      assert.equal(OperationSchema.parse((await getOperationRequest(deps, opId(first))).body).leaseBroken?.by, 'admin-key');
    });
  });
});

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not reached within 5 s');
}
