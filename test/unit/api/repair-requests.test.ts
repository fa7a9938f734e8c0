import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { controlRepairRequest, getRepairLedgerRequest, getRepairRequest, listRepairsRequest, postRepairRequest } from '../../../shared/api/repair-requests.js';
import { responseFromError, type ApiResponse } from '../../../shared/api/api-response.js';
import { ErrorBodySchema, OperationSchema, RepairAcceptedSchema, RepairLedgerSchema, RepairRunListSchema, RepairRunSchema } from '../../../shared/api/api-schemas.js';
import { buildOpenApiDocument } from '../../../shared/api/build-openapi-document.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { RepairClusterInput } from '../../../shared/contracts/activity-io.js';
import { compileRouteTemplate } from '../../../local/func-host/http/route-template.js';
import { CLUSTERS_CREATED, repairApiWorld } from '../../support/repair-api-world.js';
import { segment } from '../../support/repair-fixtures.js';

type World = Awaited<ReturnType<typeof repairApiWorld>>;

const call = async (work: () => Promise<ApiResponse>) => { try { return await work(); } catch (e) { return responseFromError(e); } };
const post = (w: World, body: unknown, name = 'orders') => call(() => postRepairRequest(w.deps, name, body, 'ci-key'));
/** The error body, checked against the schema, as [status, code, issue paths]. */
const refusal = (res: ApiResponse) => {
  const body = ErrorBodySchema.parse(res.body);
  return { status: res.status, code: body.code, message: body.message, paths: (body.issues ?? []).map((i) => i.path), issues: body.issues ?? [] };
};
/** Ends a run's orchestration, as the run loop would once it recorded the end. */
const endRun = async (w: World, runId: string, state: 'Succeeded' | 'Failed' | 'Cancelled') => {
  await w.repairs.updateRun('orders', runId, (run) => ({ ...run, state, endedAt: '2026-01-10T13:00:00.000Z' }));
  await w.state.finishOperation(runId, { status: state === 'Succeeded' ? 'Succeeded' : 'Failed', at: '2026-01-10T13:00:00.000Z' });
  await w.state.updateLease('orders', (lease) => ({ ...lease, holders: lease.holders.filter((h) => h.operationId !== runId) }));
  w.instances.set(runId, 'Completed');
};

describe('POST /api/clusters/{name}/repairs', () => {
  it('202: records the run (Planning, desired run) and its operation, and starts repairCluster with the run\'s input', async () => {
    const w = await repairApiWorld();
    const res = await post(w, { keyspaces: ['customers_ks', 'system_auth'], tables: ['customers_ks.orders'], mode: 'incremental' });
    assert.equal(res.status, 202);
    const body = RepairAcceptedSchema.parse(res.body);
    assert.deepEqual(body, { operationId: 'run-1', runId: 'run-1', cluster: 'orders', statusUrl: '/api/operations/run-1',
      repairUrl: '/api/clusters/orders/repairs/run-1' });
    assert.equal(res.headers?.location, body.repairUrl);
    assert.deepEqual(w.started, [{ name: ORCHESTRATIONS.repairCluster, instanceId: 'run-1', input: {
      operationId: 'run-1', clusterName: 'orders', runId: 'run-1', keyspaces: ['customers_ks', 'system_auth'], tables: ['customers_ks.orders'],
      mode: 'incremental' } satisfies RepairClusterInput }]);
    const run = await w.repairs.getRun('orders', 'run-1');
    assert.deepEqual([run?.state, run?.desired, run?.mode, run?.settings.mode, run?.trigger, run?.requestedBy],
      ['Planning', 'run', 'incremental', 'incremental', 'api', 'ci-key']);
    const op = OperationSchema.parse(await w.state.getOperation('run-1'));
    assert.deepEqual([op.kind, op.status, op.trigger], ['RepairCluster', 'Running', 'api']);
    assert.deepEqual((await w.state.readLease('orders')).holders.map((h) => [h.operationId, h.kind]), [['run-1', 'RepairCluster']]);
  });

  it('202 for an empty body: everything, in the spec\'s mode', async () => {
    const w = await repairApiWorld();
    assert.equal((await post(w, {})).status, 202);
    assert.deepEqual(w.started[0]?.input, { operationId: 'run-1', clusterName: 'orders', runId: 'run-1', mode: 'full' });
    const run = await w.repairs.getRun('orders', 'run-1');
    assert.deepEqual([run?.keyspaces, run?.tables, run?.mode], [undefined, undefined, 'full']);
  });

  it('409 CASSOPS_CLUSTER_BUSY naming the active run while one holds the cluster; nothing recorded for the refused one', async () => {
    const w = await repairApiWorld();
    await post(w, {});
    const busy = refusal(await post(w, { mode: 'full' }));
    assert.deepEqual([busy.status, busy.code], [409, 'CASSOPS_CLUSTER_BUSY']);
    assert.match(busy.message, /run-1/);
    assert.equal(await w.repairs.getRun('orders', 'run-2'), undefined);
    assert.equal(w.started.length, 1);
    await endRun(w, 'run-1', 'Succeeded');
    assert.equal((await post(w, {})).status, 202, 'a run may start once the last one ended');
  });

  it('404 for an unknown cluster, 409 CASSOPS_CLUSTER_UNHEALTHY for one not Ready', async () => {
    const w = await repairApiWorld({ orders: 'Ready', building: 'Provisioning' });
    assert.deepEqual(Object.values(refusal(await post(w, {}, 'nosuch'))).slice(0, 2), [404, 'CASSOPS_CLUSTER_NOT_FOUND']);
    const notReady = refusal(await post(w, {}, 'building'));
    assert.deepEqual([notReady.status, notReady.code], [409, 'CASSOPS_CLUSTER_UNHEALTHY']);
    assert.match(notReady.message, /building.*Provisioning/);
  });

  const invalid: { body: unknown; paths: string[]; message?: RegExp }[] = [
    { body: { mode: 'fast' }, paths: ['$.mode'] },
    { body: { mode: 1 }, paths: ['$.mode'] },
    { body: { keyspaces: ['nope'] }, paths: ['$.keyspaces[0]'], message: /unknown keyspace "nope" \(known: customers_ks, system_auth/ },
    { body: { keyspaces: ['customers_ks', 'ghost', 'system_traces', 'gone'] }, paths: ['$.keyspaces[1]', '$.keyspaces[3]'] },
    { body: { keyspaces: 'customers_ks' }, paths: ['$.keyspaces'], message: /expected array/ },
    { body: { keyspaces: [] }, paths: ['$.keyspaces'] },
    { body: { keyspaces: [7, 'x;drop'] }, paths: ['$.keyspaces[0]', '$.keyspaces[1]'] },
    { body: { tables: ['ghost.users'] }, paths: ['$.tables[0]'], message: /unknown keyspace "ghost"/ },
    { body: { tables: ['customers_ks'] }, paths: ['$.tables[0]'], message: /keyspace\.table/ },
    { body: { keyspaces: ['customers_ks'], tables: ['customers_ks.a', 'system_auth.roles'] }, paths: ['$.tables[1]'], message: /leaves out/ },
    { body: { segmentsPerNode: -1, mode: 'full' }, paths: ['$.segmentsPerNode'], message: /unknown field/ },
    { body: [], paths: ['$'] },
    { body: null, paths: ['$'] },
  ];
  for (const c of invalid) {
    it(`400 CASSOPS_REQUEST_INVALID naming ${c.paths.join(', ')} for ${JSON.stringify(c.body)}`, async () => {
      const w = await repairApiWorld();
      const r = refusal(await post(w, c.body));
      assert.deepEqual([r.status, r.code, r.paths], [400, 'CASSOPS_REQUEST_INVALID', c.paths]);
      if (c.message) assert.match(r.issues.map((i) => i.message).join('\n'), c.message);
      assert.equal(w.started.length, 0);
      assert.deepEqual(await w.repairs.listRuns('orders', 10), []);
    });
  }
});

describe('GET /api/clusters/{name}/repairs[/{id}]', () => {
  it('lists runs newest first and shows one with progress, running segments, ETA and segment counts', async () => {
    const w = await repairApiWorld();
    await post(w, {});
    await endRun(w, 'run-1', 'Succeeded');
    w.clock.now += 60_000;
    await post(w, { keyspaces: ['customers_ks'] });
    const running = { segmentId: 'ks1-00002', keyspace: 'ks1', node: '127.1.1.4', start: '2000', end: '3000', since: '2026-01-10T12:02:00.000Z' };
    await w.repairs.updateRun('orders', 'run-2', (run) => ({ ...run, state: 'Running', segmentsTotal: 4, segmentsDone: 1, running: [running], etaSeconds: 90 }));
    await w.repairs.putSegments('orders', 'run-2', [segment(1, { status: 'done' }), segment(2, { status: 'running' }), segment(3), segment(4)]);
    const list = RepairRunListSchema.parse((await listRepairsRequest(w.deps, 'orders')).body);
    assert.deepEqual(list.runs.map((r) => [r.runId, r.state, r.percent]), [['run-2', 'Running', 25], ['run-1', 'Succeeded', 100]]);
    const detail = RepairRunSchema.parse((await getRepairRequest(w.deps, 'orders', 'run-2')).body);
    assert.deepEqual([detail.state, detail.desired, detail.segmentsDone, detail.segmentsTotal, detail.percent, detail.etaSeconds],
      ['Running', 'run', 1, 4, 25, 90]);
    assert.deepEqual(detail.segmentCounts, { pending: 2, running: 1, done: 1, failed: 0 });
    assert.deepEqual(detail.running, [running]);
    assert.deepEqual(detail.keyspaces, ['customers_ks']);
  });

  it('404 CASSOPS_REPAIR_NOT_FOUND naming the id for another cluster\'s run or an unknown one; 400 naming path:id for a malformed id', async () => {
    const w = await repairApiWorld({ orders: 'Ready', other: 'Ready' });
    await post(w, {}, 'other');
    for (const id of ['run-1', 'run-99']) {
      const r = refusal(await call(() => getRepairRequest(w.deps, 'orders', id)));
      assert.deepEqual([r.status, r.code], [404, 'CASSOPS_REPAIR_NOT_FOUND']);
      assert.match(r.message, new RegExp(`'${id}'`));
    }
    const bad = refusal(await call(() => getRepairRequest(w.deps, 'orders', "x' or RowKey ne '")));
    assert.deepEqual([bad.status, bad.code, bad.paths], [400, 'CASSOPS_REQUEST_INVALID', ['path:id']]);
    assert.equal(refusal(await call(() => listRepairsRequest(w.deps, 'nosuch'))).code, 'CASSOPS_CLUSTER_NOT_FOUND');
  });

  it('reconciles on read: a run still Running whose operation failed shows Failed with the operation\'s error, and is not written', async () => {
    const w = await repairApiWorld();
    await post(w, {});
    await w.repairs.updateRun('orders', 'run-1', (run) => ({ ...run, state: 'Running', running: [{ segmentId: 's', keyspace: 'k', node: 'n',
      start: '0', end: '1', since: '2026-01-10T12:00:00.000Z' }], etaSeconds: 600 }));
    const error = { code: 'CASSOPS_OPERATION_ABANDONED' as const, message: 'Operation run-1 was abandoned: its orchestration is Terminated.' };
    await w.state.finishOperation('run-1', { status: 'Failed', at: '2026-01-10T12:30:00.000Z', error });
    const detail = RepairRunSchema.parse((await getRepairRequest(w.deps, 'orders', 'run-1')).body);
    assert.deepEqual([detail.state, detail.error, detail.endedAt, detail.running, detail.etaSeconds], ['Failed', error, '2026-01-10T12:30:00.000Z', [], undefined]);
    assert.equal(RepairRunListSchema.parse((await listRepairsRequest(w.deps, 'orders')).body).runs[0]?.state, 'Failed');
    assert.equal((await w.repairs.getRun('orders', 'run-1'))?.state, 'Running', 'the record is the run loop\'s: a read never writes it');
    const pause = refusal(await call(() => controlRepairRequest(w.deps, 'orders', 'run-1', 'pause')));
    assert.deepEqual([pause.status, pause.code], [409, 'CASSOPS_REPAIR_NOT_ACTIVE']);
  });
});

describe('POST /api/clusters/{name}/repairs/{id}/pause|resume|cancel', () => {
  it('sets desired for the run loop and answers the run; repeating a request changes nothing; cancel is final', async () => {
    const w = await repairApiWorld();
    await post(w, {});
    const desired = async (control: 'pause' | 'resume' | 'cancel') => {
      const res = await call(() => controlRepairRequest(w.deps, 'orders', 'run-1', control));
      return res.status === 200 ? RepairRunSchema.parse(res.body).desired : refusal(res).code;
    };
    assert.equal(await desired('pause'), 'pause');
    assert.equal(await desired('pause'), 'pause');
    assert.equal((await w.repairs.getRun('orders', 'run-1'))?.desired, 'pause');
    assert.equal(await desired('resume'), 'run');
    assert.equal(await desired('cancel'), 'cancel');
    assert.equal(await desired('cancel'), 'cancel');
    assert.equal(await desired('resume'), 'CASSOPS_REPAIR_NOT_ACTIVE');
    assert.equal(await desired('pause'), 'CASSOPS_REPAIR_NOT_ACTIVE');
  });

  for (const state of ['Succeeded', 'Failed', 'Cancelled'] as const) {
    it(`409 CASSOPS_REPAIR_NOT_ACTIVE for every control of a ${state} run, which stays as it was`, async () => {
      const w = await repairApiWorld();
      await post(w, {});
      await endRun(w, 'run-1', state);
      for (const control of ['pause', 'resume', 'cancel'] as const) {
        const r = refusal(await call(() => controlRepairRequest(w.deps, 'orders', 'run-1', control)));
        assert.deepEqual([r.status, r.code], [409, 'CASSOPS_REPAIR_NOT_ACTIVE']);
        assert.match(r.message, new RegExp(`cannot ${control}: it has ended \\(${state}\\)`));
      }
      assert.equal((await w.repairs.getRun('orders', 'run-1'))?.desired, 'run');
    });
  }

  it('404 for another cluster\'s run', async () => {
    const w = await repairApiWorld({ orders: 'Ready', other: 'Ready' });
    await post(w, {}, 'other');
    assert.equal(refusal(await call(() => controlRepairRequest(w.deps, 'orders', 'run-1', 'cancel'))).code, 'CASSOPS_REPAIR_NOT_FOUND');
    assert.equal((await w.repairs.getRun('other', 'run-1'))?.desired, 'run');
  });
});

describe('GET /api/clusters/{name}/repairs/ledger', () => {
  it('rates each table against its gc_grace_seconds, a never-repaired one as old as the cluster, most overdue first', async () => {
    const w = await repairApiWorld();
    const day = 86_400;
    await w.repairs.upsertLedger([
      { clusterName: 'orders', keyspace: 'customers_ks', table: 'fresh', gcGraceSeconds: 10 * day, lastCompleteRepairAt: '2026-01-09T12:00:00.000Z', runId: 'r' },
      { clusterName: 'orders', keyspace: 'customers_ks', table: 'never', gcGraceSeconds: 5 * day },
      { clusterName: 'orders', keyspace: 'customers_ks', table: 'queue', gcGraceSeconds: 0 },
      { clusterName: 'orders', keyspace: 'system_auth', table: 'roles', gcGraceSeconds: 10 * day, lastCompleteRepairAt: '2026-01-01T12:00:00.000Z' },
    ]);
    const ledger = RepairLedgerSchema.parse((await getRepairLedgerRequest(w.deps, 'orders')).body);
    assert.equal(ledger.evaluatedAt, '2026-01-10T12:00:00.000Z');
    assert.deepEqual(ledger.tables.map((t) => [`${t.keyspace}.${t.table}`, t.status, t.ageSeconds]), [
      ['customers_ks.never', 'critical', (Date.parse('2026-01-10T12:00:00.000Z') - Date.parse(CLUSTERS_CREATED)) / 1000],
      ['system_auth.roles', 'warning', 9 * day],
      ['customers_ks.fresh', 'ok', day],
      ['customers_ks.queue', 'unrepairable', 9.5 * day],
    ]);
    assert.equal(refusal(await call(() => getRepairLedgerRequest(w.deps, 'nosuch'))).code, 'CASSOPS_CLUSTER_NOT_FOUND');
  });

  it('is not taken for a run id: the literal route outranks repairs/{id}', () => {
    const ledger = compileRouteTemplate('clusters/{name}/repairs/ledger');
    const run = compileRouteTemplate('clusters/{name}/repairs/{id}');
    assert.ok(ledger.precedence > run.precedence);
    assert.ok(ledger.match(['clusters', 'orders', 'repairs', 'ledger']) && run.match(['clusters', 'orders', 'repairs', 'ledger']));
  });
});

describe('the OpenAPI document', () => {
  it('describes every repair route', () => {
    const paths = Object.keys(buildOpenApiDocument().paths as Record<string, unknown>);
    for (const path of ['/clusters/{name}/repairs', '/clusters/{name}/repairs/ledger', '/clusters/{name}/repairs/{id}',
      '/clusters/{name}/repairs/{id}/pause', '/clusters/{name}/repairs/{id}/resume', '/clusters/{name}/repairs/{id}/cancel']) {
      assert.ok(paths.includes(path), path);
    }
  });
});
