import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerRepairCommand } from '../../../shared/cli/commands/repair-command.js';
import { runCli } from '../../../shared/cli/main.js';
import { formatDuration } from '../../../shared/cli/format-repair.js';
import { ok, runServiceCommand as run, scripted } from '../../support/run-service-command.js';

const RUNS = '/api/clusters/demo/repairs';

/** A run as GET /repairs/{id} answers it. */
const runView = (change: Record<string, unknown> = {}) => ({
  runId: 'run-2', cluster: 'demo', state: 'Running', desired: 'run', mode: 'full', trigger: 'api', requestedBy: 'ci', createdAt: 'x',
  updatedAt: 'x', segmentsDone: 1, segmentsTotal: 4, percent: 25, etaSeconds: 90, settings: {},
  segmentCounts: { pending: 2, running: 1, done: 1, failed: 0 }, failures: [],
  running: [{ segmentId: 's2', keyspace: 'customers_ks', node: '127.1.1.5', start: '-100', end: '200', since: '2026-01-10T12:02:00.000Z' }],
  ...change });

describe('autopilot repair start', () => {
  it('posts the keyspaces, tables and mode asked for, and prints the run to follow', async () => {
    const r = await run(registerRepairCommand, ['repair', 'start', 'demo', '--keyspace', 'customers_ks', '--keyspace', 'system_auth',
      '--table', 'customers_ks.orders', '--mode', 'incremental'], scripted({ [`POST ${RUNS}`]: [{ status: 202,
      body: { operationId: 'run-2', runId: 'run-2', cluster: 'demo', statusUrl: '/api/operations/run-2', repairUrl: `${RUNS}/run-2` } }] }),
    { AUTOPILOT_URL: 'http://127.0.0.1:7999', AUTOPILOT_KEY: 'k' });
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.requests[0]?.body ?? ''), { keyspaces: ['customers_ks', 'system_auth'], tables: ['customers_ks.orders'], mode: 'incremental' });
    assert.equal(r.requests[0]?.headers['content-type'], 'application/json');
    assert.match(r.out, /repairing demo: run run-2 \(http:\/\/127\.0\.0\.1:7999\/api\/clusters\/demo\/repairs\/run-2\)/);
  });

  it('sends an empty object for everything, and with --watch redraws progress until Succeeded (exit 0)', async () => {
    const r = await run(registerRepairCommand, ['repair', 'start', 'demo', '--watch', '--interval-ms', '0'], scripted({
      [`POST ${RUNS}`]: [{ status: 202, body: { runId: 'run-2', repairUrl: `${RUNS}/run-2` } }],
      [`GET ${RUNS}/run-2`]: [
        ok(runView({ state: 'Planning', segmentsDone: 0, segmentsTotal: 0, percent: 0, running: [], etaSeconds: undefined })),
        ok(runView()), ok(runView()),
        ok(runView({ segmentsDone: 3, percent: 75, etaSeconds: 30, running: [] })),
        ok(runView({ state: 'Succeeded', segmentsDone: 4, percent: 100, running: [], etaSeconds: undefined })),
      ] }));
    assert.equal(r.code, 0);
    assert.equal(r.requests[0]?.body, '{}');
    assert.match(r.out, /\[ {2}0%\] Planning {2}0\/0 segments\n/);
    assert.match(r.out, /\[ 25%\] Running {2}1\/4 segments, ETA 1m30s\n {2}127\.1\.1\.5\s+customers_ks\s+\(-100, 200\] {2}since 2026-01-10T12:02:00\.000Z\n/);
    assert.equal(r.out.match(/\[ 25%\]/g)?.length, 1, 'an unchanged run is not drawn again');
    assert.match(r.out, /\[ 75%\] Running {2}3\/4 segments, ETA 30s\n/);
    assert.match(r.out, /\[100%\] Succeeded {2}4\/4 segments\n$/);
  });

  for (const state of ['Failed', 'Cancelled']) {
    it(`exits 3 when the watched run ends ${state}, with its error`, async () => {
      const r = await run(registerRepairCommand, ['repair', 'start', 'demo', '-w', '--interval-ms', '0'], scripted({
        [`POST ${RUNS}`]: [{ status: 202, body: { runId: 'run-2', repairUrl: `${RUNS}/run-2` } }],
        [`GET ${RUNS}/run-2`]: [ok(runView({ state, running: [], error: { code: 'CASSOPS_REPAIR_SEGMENT_FAILED', message: 'segment s2 failed 3 times' } }))] }));
      assert.equal(r.code, 3);
      assert.match(r.err, /error CASSOPS_REPAIR_SEGMENT_FAILED: segment s2 failed 3 times/);
    });
  }

  it('exits 1 with every issue when the API refuses', async () => {
    const r = await run(registerRepairCommand, ['repair', 'start', 'demo', '--keyspace', 'nope'], scripted({ [`POST ${RUNS}`]: [{ status: 400,
      body: { code: 'CASSOPS_REQUEST_INVALID', message: 'The repair request names what cluster \'demo\' does not have.',
        issues: [{ path: '$.keyspaces[0]', message: 'unknown keyspace "nope"' }] } }] }));
    assert.equal(r.code, 1);
    assert.match(r.err, /repair refused: HTTP 400 CASSOPS_REQUEST_INVALID: .*\n {2}\$\.keyspaces\[0\]: unknown keyspace "nope"/);
  });
});

describe('autopilot repair status, pause, resume, cancel', () => {
  it('shows the newest run without a run id: progress, running segments, counts, failures', async () => {
    const failure = { segmentId: 's1', keyspace: 'customers_ks', node: '127.1.1.4', start: '0', end: '100', message: 'timed out', at: '2026-01-10T12:01:00Z' };
    const r = await run(registerRepairCommand, ['repair', 'status', 'demo'], scripted({
      [`GET ${RUNS}`]: [ok({ cluster: 'demo', runs: [{ runId: 'run-2' }, { runId: 'run-1' }] })],
      [`GET ${RUNS}/run-2`]: [ok(runView({ desired: 'pause', failures: [failure] }))] }));
    assert.equal(r.code, 0);
    assert.match(r.out, /^repair run-2 of demo: Running, full, requested by ci \(api\)\n\[ 25%\] Running \(pause requested\) {2}1\/4 segments, ETA 1m30s\n/);
    assert.match(r.out, /segments: 2 pending, 1 running, 1 done, 0 failed\n/);
    assert.match(r.out, /failed customers_ks \(0, 100\] on 127\.1\.1\.4 at 2026-01-10T12:01:00Z: timed out/);
  });

  it('prints the API answer with --json, and exits 1 for a cluster with no runs', async () => {
    const json = await run(registerRepairCommand, ['repair', 'status', 'demo', 'run-2', '--json'], scripted({ [`GET ${RUNS}/run-2`]: [ok(runView())] }));
    assert.equal(JSON.parse(json.out).runId, 'run-2');
    const none = await run(registerRepairCommand, ['repair', 'status', 'demo'], scripted({ [`GET ${RUNS}`]: [ok({ cluster: 'demo', runs: [] })] }));
    assert.deepEqual([none.code, none.err], [1, 'cluster demo has no repair runs\n']);
  });

  for (const control of ['pause', 'resume', 'cancel']) {
    it(`${control} posts to the run (the newest without an id) and prints it; a refusal exits 1`, async () => {
      const desired = { pause: 'pause', resume: 'run', cancel: 'cancel' }[control];
      const r = await run(registerRepairCommand, ['repair', control, 'demo'], scripted({
        [`GET ${RUNS}`]: [ok({ cluster: 'demo', runs: [{ runId: 'run-2' }] })],
        [`POST ${RUNS}/run-2/${control}`]: [ok(runView({ desired }))] }));
      assert.equal(r.code, 0);
      assert.deepEqual(r.requests.map((q) => `${q.method} ${new URL(q.url).pathname}`), [`GET ${RUNS}`, `POST ${RUNS}/run-2/${control}`]);
      const ended = await run(registerRepairCommand, ['repair', control, 'demo', 'run-1'], scripted({ [`POST ${RUNS}/run-1/${control}`]: [{ status: 409,
        body: { code: 'CASSOPS_REPAIR_NOT_ACTIVE', message: `Repair run 'run-1' cannot ${control}: it has ended (Succeeded).` } }] }));
      assert.equal(ended.code, 1);
      assert.match(ended.err, new RegExp(`cannot ${control} repair run run-1: HTTP 409 CASSOPS_REPAIR_NOT_ACTIVE`));
    });
  }
});

describe('autopilot repair ledger', () => {
  it('prints each table with its last repair, age, gc_grace and status', async () => {
    const r = await run(registerRepairCommand, ['repair', 'ledger', 'demo'], scripted({ [`GET ${RUNS}/ledger`]: [ok({ cluster: 'demo', evaluatedAt: 'x', tables: [
      { keyspace: 'customers_ks', table: 'never', gcGraceSeconds: 432_000, lastCompleteRepairAt: null, ageSeconds: 820_800, ratio: 1.9, status: 'critical' },
      { keyspace: 'system_auth', table: 'roles', gcGraceSeconds: 864_000, lastCompleteRepairAt: '2026-01-09T12:00:00.000Z', ageSeconds: 86_400, ratio: 0.1, status: 'ok' },
    ] })] }));
    assert.equal(r.code, 0);
    assert.equal(r.out, [
      'TABLE               LAST REPAIR               AGE    GC_GRACE  STATUS',
      'customers_ks.never  never                     9d12h  5d        critical',
      'system_auth.roles   2026-01-09T12:00:00.000Z  1d     10d       ok',
      '',
    ].join('\n'));
  });
});

describe('autopilot repair usage', () => {
  const io = () => {
    const err: string[] = [];
    return { err, io: { stdout: () => undefined, stderr: (t: string) => { err.push(t); }, env: {}, readText: async () => '' } };
  };
  for (const [argv, message] of [
    [['repair', 'start', 'demo', '--mode', 'fast'], /Allowed choices are full, incremental/],
    [['repair', 'start'], /missing required argument 'cluster'/],
    [['repair', 'frobnicate', 'demo'], /unknown command 'frobnicate'/],
  ] as const) {
    it(`exits 1 for ${argv.join(' ')}`, async () => {
      const { err, io: cliIo } = io();
      assert.equal(await runCli(argv, cliIo), 1);
      assert.match(err.join(''), message);
    });
  }

  it('formats durations by their two largest units', () => {
    assert.deepEqual([0, 42, 90, 3_600, 3_660, 86_400, 820_800].map(formatDuration), ['0s', '42s', '1m30s', '1h', '1h1m', '1d', '9d12h']);
  });
});
