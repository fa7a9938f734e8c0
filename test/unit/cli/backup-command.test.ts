import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CliIo } from '../../../shared/cli/cli-io.js';
import { registerBackupCommand } from '../../../shared/cli/commands/backup-command.js';
import { registerDrillCommand } from '../../../shared/cli/commands/drill-command.js';
import { registerRestoreCommand } from '../../../shared/cli/commands/restore-command.js';
import { formatBytes } from '../../../shared/cli/format-backup.js';
import { runCli } from '../../../shared/cli/main.js';
import { ok, runServiceCommand as run, scripted } from '../../support/run-service-command.js';

const CLUSTER = '/api/clusters/demo';
const step = (name: string, status: string, percent: number, message?: string) =>
  ({ name, status, percent, startedAt: '2026-01-10T02:00:00Z', ...(status !== 'Running' ? { endedAt: '2026-01-10T02:01:00Z' } : {}), ...(message ? { message } : {}) });
const operation = (id: string, kind: string, status: string, steps: ReturnType<typeof step>[], error?: unknown) =>
  ok({ id, kind, clusterName: 'demo', status, percent: status === 'Running' ? 40 : 100, createdAt: 'x', steps, ...(error ? { error } : {}) });

/** A backup as GET /backups/{id} answers it. */
const backupView = (change: Record<string, unknown> = {}) => ({
  backupId: 'b-1', cluster: 'demo', status: 'Complete', trigger: 'api', requestedBy: 'ci', createdAt: '2026-01-10T02:00:00.000Z',
  endedAt: '2026-01-10T02:04:10.000Z', durationMs: 250_000, keyspaces: ['shop', 'system_schema'], nodesTotal: 3,
  nodesDone: ['demo-dc1-0', 'demo-dc1-1', 'demo-dc1-2'], nodesMissing: [], stats: { files: 120, bytes: 3 * 1024 ** 3, newFiles: 8, newBytes: 200 * 1024 ** 2 },
  restorable: true, proven: false, ...change });

/** A drill as GET /drills lists it. */
const drillView = (change: Record<string, unknown> = {}) => ({
  drillId: 'd-1', cluster: 'demo', backupId: 'b-1', targetCluster: 'drill-1a2b3c4d', status: 'Succeeded', trigger: 'api',
  startedAt: '2026-01-10T04:00:00.000Z', endedAt: '2026-01-10T04:09:00.000Z', rpoSeconds: 7_200, rtoSeconds: 420, tablesChecked: 4, rowsChecked: 1000, ...change });

describe('autopilot backup', () => {
  it('start posts an empty body and prints the backup to follow', async () => {
    const r = await run(registerBackupCommand, ['backup', 'start', 'demo'], scripted({ [`POST ${CLUSTER}/backups`]: [{ status: 202,
      body: { operationId: 'b-1', backupId: 'b-1', cluster: 'demo', statusUrl: '/api/operations/b-1', backupUrl: `${CLUSTER}/backups/b-1` } }] }),
    { AUTOPILOT_URL: 'http://127.0.0.1:7999', AUTOPILOT_KEY: 'k' });
    assert.equal(r.code, 0);
    assert.equal(r.requests[0]?.body, '{}');
    assert.equal(r.out, 'backing up demo: backup b-1 (http://127.0.0.1:7999/api/clusters/demo/backups/b-1)\n');
  });

  it('start --watch prints each step as it changes, then the backup: exit 0 when it is Complete', async () => {
    const r = await run(registerBackupCommand, ['backup', 'start', 'demo', '--watch', '--interval-ms', '0'], scripted({
      [`POST ${CLUSTER}/backups`]: [{ status: 202, body: { backupId: 'b-1', backupUrl: `${CLUSTER}/backups/b-1` } }],
      'GET /api/operations/b-1': [
        operation('b-1', 'BackupCluster', 'Running', [step('check', 'Succeeded', 100, '3 nodes'), step('upload', 'Running', 33, '1/3 nodes')]),
        operation('b-1', 'BackupCluster', 'Succeeded', [step('check', 'Succeeded', 100, '3 nodes'), step('upload', 'Succeeded', 100),
          step('manifest', 'Succeeded', 100, 'Complete'), step('cleanup', 'Succeeded', 100)]),
      ],
      [`GET ${CLUSTER}/backups/b-1`]: [ok(backupView({ latestDrill: { drillId: 'd-1', status: 'Succeeded', rpoSeconds: 7_200, rtoSeconds: 420 },
        proven: true }))] }));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\[ 33%\] upload\s+Running\s+1\/3 nodes\n/);
    assert.match(r.out, /\[100%\] manifest\s+Succeeded\s+60s {2}Complete\n/);
    assert.match(r.out, /BackupCluster demo: Succeeded 100%/);
    assert.match(r.out, /backup b-1 of demo: Complete, restorable, requested by ci \(api\)\ncreated 2026-01-10T02:00:00\.000Z, took 4m10s\n/);
    assert.match(r.out, /nodes: 3\/3 done\nkeyspaces: shop, system_schema\nfiles: 120 \(3\.0 GiB\); uploaded 8 \(200\.0 MiB\), the rest referenced from earlier backups\n/);
    assert.match(r.out, /proven: drill d-1 Succeeded; RPO 2h, RTO 7m\n$/);
  });

  it('start --watch exits 3 for a Partial backup: the operation succeeded, but a node was left out and it is never restored', async () => {
    const r = await run(registerBackupCommand, ['backup', 'start', 'demo', '-w', '--interval-ms', '0'], scripted({
      [`POST ${CLUSTER}/backups`]: [{ status: 202, body: { backupId: 'b-2', backupUrl: `${CLUSTER}/backups/b-2` } }],
      'GET /api/operations/b-2': [operation('b-2', 'BackupCluster', 'Succeeded', [step('check', 'Succeeded', 100, 'down, left out: demo-dc1-2')])],
      [`GET ${CLUSTER}/backups/b-2`]: [ok(backupView({ backupId: 'b-2', status: 'Partial', restorable: false, nodesDone: ['demo-dc1-0', 'demo-dc1-1'],
        nodesMissing: ['demo-dc1-2'] }))] }));
    assert.equal(r.code, 3);
    assert.match(r.out, /backup b-2 of demo: Partial, not restorable.*\n.*\nnodes: 2\/3 done, left out: demo-dc1-2\n/);
    assert.match(r.out, /not proven: no restore drill of it yet\n$/);
  });

  it('start --watch --json keeps standard output one JSON document: the steps go to standard error', async () => {
    const r = await run(registerBackupCommand, ['backup', 'start', 'demo', '-w', '--json', '--interval-ms', '0'], scripted({
      [`POST ${CLUSTER}/backups`]: [{ status: 202, body: { backupId: 'b-1', backupUrl: `${CLUSTER}/backups/b-1` } }],
      'GET /api/operations/b-1': [operation('b-1', 'BackupCluster', 'Succeeded', [step('upload', 'Succeeded', 100)])],
      [`GET ${CLUSTER}/backups/b-1`]: [ok(backupView())] }));
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.out).status, 'Complete');
    assert.match(r.err, /\[100%\] upload/);
  });

  it('start exits 1 with the API\'s reason when refused, and 3 with the error when the backup fails', async () => {
    const busy = await run(registerBackupCommand, ['backup', 'start', 'demo'], scripted({ [`POST ${CLUSTER}/backups`]: [{ status: 409,
      body: { code: 'CASSOPS_CLUSTER_BUSY', message: 'Operation \'op-7\' (BackupCluster) is running on cluster \'demo\'.' } }] }));
    assert.deepEqual([busy.code, busy.err], [1, 'backup refused: HTTP 409 CASSOPS_CLUSTER_BUSY: Operation \'op-7\' (BackupCluster) is running on cluster \'demo\'.\n']);
    const failed = await run(registerBackupCommand, ['backup', 'start', 'demo', '-w', '--interval-ms', '0'], scripted({
      [`POST ${CLUSTER}/backups`]: [{ status: 202, body: { backupId: 'b-3', backupUrl: `${CLUSTER}/backups/b-3` } }],
      'GET /api/operations/b-3': [operation('b-3', 'BackupCluster', 'Failed', [step('upload', 'Failed', 50)],
        { code: 'CASSOPS_NODE_SCRIPT_FAILED', message: 'upload on demo-dc1-1 failed' })],
      [`GET ${CLUSTER}/backups/b-3`]: [ok(backupView({ backupId: 'b-3', status: 'Failed', restorable: false,
        error: { code: 'CASSOPS_NODE_SCRIPT_FAILED', message: 'upload on demo-dc1-1 failed' } }))] }));
    assert.equal(failed.code, 3);
    assert.match(failed.err, /error CASSOPS_NODE_SCRIPT_FAILED: upload on demo-dc1-1 failed/);
    assert.match(failed.out, /backup b-3 of demo: Failed, not restorable[^]*error CASSOPS_NODE_SCRIPT_FAILED/);
  });

  it('list prints one row per backup, newest first; show prints one; an unknown one exits 1', async () => {
    const list = await run(registerBackupCommand, ['backup', 'list', 'demo'], scripted({ [`GET ${CLUSTER}/backups`]: [ok({ cluster: 'demo', backups: [
      backupView({ backupId: 'backup-demo-20260110T020000', trigger: 'timer', proven: true }),
      backupView({ backupId: 'b-0', status: 'Partial', durationMs: undefined, stats: { files: 3, bytes: 512, newFiles: 3, newBytes: 512 } }),
    ] })] }));
    assert.equal(list.code, 0);
    assert.equal(list.out, [
      'BACKUP                       STATUS    CREATED                   TOOK   SIZE     UPLOADED   PROVEN',
      'backup-demo-20260110T020000  Complete  2026-01-10T02:00:00.000Z  4m10s  3.0 GiB  200.0 MiB  yes',
      'b-0                          Partial   2026-01-10T02:00:00.000Z  -      512 B    512 B      no',
      '',
    ].join('\n'));
    const empty = await run(registerBackupCommand, ['backup', 'list', 'demo'], scripted({ [`GET ${CLUSTER}/backups`]: [ok({ cluster: 'demo', backups: [] })] }));
    assert.equal(empty.out, 'cluster demo has no backups yet\n');
    const show = await run(registerBackupCommand, ['backup', 'show', 'demo', 'b-2', '--json'], scripted({ [`GET ${CLUSTER}/backups/b-2`]: [ok(backupView({
      backupId: 'b-2', status: 'Partial', restorable: false }))] }));
    assert.deepEqual([show.code, JSON.parse(show.out).backupId], [0, 'b-2'], 'showing a Partial backup is no failure');
    const unknown = await run(registerBackupCommand, ['backup', 'show', 'demo', 'nope'], scripted({}));
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /^cannot read backup nope: HTTP 404/);
  });

  it('formats sizes in binary units', () => {
    assert.deepEqual([0, 512, 1536, 200 * 1024 ** 2, 3 * 1024 ** 3, 5 * 1024 ** 4].map(formatBytes), ['0 B', '512 B', '1.5 KiB', '200.0 MiB', '3.0 GiB', '5.0 TiB']);
  });
});

describe('autopilot restore', () => {
  it('posts the backup, the target and each --network, and follows the new cluster\'s restore to Succeeded', async () => {
    const r = await run(registerRestoreCommand, ['restore', 'demo', '--backup', 'b-1', '--target', 'demo-copy',
      '--network', 'dc1=10.20.0.0/16,10.20.1.0/24,10.20.2.0/24', '--network', 'dc2=10.21.0.0/16,10.21.1.0/24,10.21.2.0/24,10.21.3.0/27',
      '--watch', '--interval-ms', '0'], scripted({
      [`POST ${CLUSTER}/restores`]: [{ status: 202, body: { operationId: 'op-9', restoreId: 'op-9', cluster: 'demo', backupId: 'b-1',
        targetCluster: 'demo-copy', statusUrl: '/api/operations/op-9' } }],
      'GET /api/operations/op-9': [operation('op-9', 'RestoreCluster', 'Running', [step('nodes', 'Running', 50)]),
        operation('op-9', 'RestoreCluster', 'Succeeded', [step('nodes', 'Succeeded', 100), step('restore', 'Succeeded', 100, '3 nodes, 120 files')])] }));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.requests[0]?.body ?? ''), { backupId: 'b-1', targetCluster: 'demo-copy', networks: {
      dc1: { addressSpace: '10.20.0.0/16', dataSubnet: '10.20.1.0/24', appSubnet: '10.20.2.0/24' },
      dc2: { addressSpace: '10.21.0.0/16', dataSubnet: '10.21.1.0/24', appSubnet: '10.21.2.0/24', gatewaySubnet: '10.21.3.0/27' } } });
    assert.match(r.out, /^restoring backup b-1 of demo into demo-copy: operation op-9 \(http:\/\/127\.0\.0\.1:7071\/api\/operations\/op-9\)\n/);
    assert.match(r.out, /\[100%\] restore\s+Succeeded\s+60s {2}3 nodes, 120 files\n/);
  });

  it('sends no networks when none is given, and shows every issue of a refused restore', async () => {
    const r = await run(registerRestoreCommand, ['restore', 'demo', '--backup', 'b-2', '--target', 'demo-copy'], scripted({ [`POST ${CLUSTER}/restores`]: [{
      status: 409, body: { code: 'CASSOPS_BACKUP_NOT_RESTORABLE', message: 'Backup \'b-2\' of cluster \'demo\' is Partial; only Complete backups are restored.' } }] }));
    assert.deepEqual(JSON.parse(r.requests[0]?.body ?? ''), { backupId: 'b-2', targetCluster: 'demo-copy' });
    assert.equal(r.code, 1);
    assert.match(r.err, /^restore refused: HTTP 409 CASSOPS_BACKUP_NOT_RESTORABLE: Backup 'b-2'/);
  });

  it('--in-place posts the tables and the confirm, says which safety backup comes first, and follows the restore', async () => {
    const r = await run(registerRestoreCommand, ['restore', 'demo', '--backup', 'b-1', '--in-place', '--tables', 'shop.items,shop.carts',
      '--confirm', 'demo', '--watch', '--interval-ms', '0'], scripted({
      [`POST ${CLUSTER}/restores`]: [{ status: 202, body: { operationId: 'op-7', restoreId: 'op-7', cluster: 'demo', backupId: 'b-1',
        tables: ['shop.carts', 'shop.items'], safetyBackupId: 'op-7-safety', statusUrl: '/api/operations/op-7' } }],
      'GET /api/operations/op-7': [operation('op-7', 'RestoreTables', 'Succeeded', [step('safety', 'Succeeded', 100), step('truncate', 'Succeeded', 100,
        '2 of 2 tables emptied'), step('restore', 'Succeeded', 100)])] }));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.requests[0]?.body ?? ''), { backupId: 'b-1', inPlace: true, tables: ['shop.items', 'shop.carts'], confirm: 'demo' });
    assert.match(r.out, /^restoring shop\.carts, shop\.items of demo in place from backup b-1, after safety backup op-7-safety: operation op-7 /);
    assert.match(r.out, /truncate\s+Succeeded\s+60s {2}2 of 2 tables emptied\n/);
  });

  it('--in-place --keyspaces posts the keyspaces, and a 403 shows the role it needs', async () => {
    const r = await run(registerRestoreCommand, ['restore', 'demo', '--backup', 'b-1', '--in-place', '--keyspaces', 'shop', '--confirm', 'demo'],
      scripted({ [`POST ${CLUSTER}/restores`]: [{ status: 403, body: { code: 'CASSOPS_FORBIDDEN',
        message: 'An in-place restore needs the Admin role; \'ci\' holds Operator.' } }] }));
    assert.deepEqual(JSON.parse(r.requests[0]?.body ?? ''), { backupId: 'b-1', inPlace: true, keyspaces: ['shop'], confirm: 'demo' });
    assert.equal(r.code, 1);
    assert.match(r.err, /^restore refused: HTTP 403 CASSOPS_FORBIDDEN: An in-place restore needs the Admin role/);
  });
});

describe('autopilot drill', () => {
  it('start --watch follows the drill, then prints its RPO and RTO: exit 0 when it succeeded', async () => {
    const r = await run(registerDrillCommand, ['drill', 'start', 'demo', '--backup', 'b-1', '-w', '--interval-ms', '0'], scripted({
      [`POST ${CLUSTER}/drills`]: [{ status: 202, body: { operationId: 'd-1', drillId: 'd-1', cluster: 'demo', backupId: 'b-1',
        targetCluster: 'drill-1a2b3c4d', statusUrl: '/api/operations/d-1' } }],
      'GET /api/operations/d-1': [operation('d-1', 'RestoreDrill', 'Succeeded', [step('restore', 'Succeeded', 100), step('check', 'Succeeded', 100, '4 tables, 1000 rows'),
        step('cleanup', 'Succeeded', 100)])],
      [`GET ${CLUSTER}/drills`]: [ok({ cluster: 'demo', drills: [drillView()] })] }));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.requests[0]?.body ?? ''), { backupId: 'b-1' });
    assert.match(r.out, /^drilling backup b-1 of demo in throwaway cluster drill-1a2b3c4d: drill d-1 \(.*\/api\/operations\/d-1\)\n/);
    assert.match(r.out, /drill d-1 of demo: Succeeded, backup b-1 restored into drill-1a2b3c4d; RPO 2h, RTO 7m; checked 4 tables, 1000 rows\n$/);
  });

  it('start without --backup drills the newest Complete one; a failed check exits 3 and still shows the drill', async () => {
    const error = { code: 'CASSOPS_DRILL_CHECK_FAILED', message: 'shop.orders holds 990 rows, the backup 1000' };
    const r = await run(registerDrillCommand, ['drill', 'start', 'demo', '-w', '--interval-ms', '0'], scripted({
      [`POST ${CLUSTER}/drills`]: [{ status: 202, body: { drillId: 'd-2', backupId: 'b-1', targetCluster: 'drill-99', statusUrl: '/api/operations/d-2' } }],
      'GET /api/operations/d-2': [operation('d-2', 'RestoreDrill', 'Failed', [step('check', 'Failed', 0)], error)],
      [`GET ${CLUSTER}/drills`]: [ok({ cluster: 'demo', drills: [drillView({ drillId: 'd-2', status: 'Failed', rtoSeconds: undefined, error })] })] }));
    assert.equal(r.requests[0]?.body, '{}');
    assert.equal(r.code, 3);
    assert.match(r.out, /drill d-2 of demo: Failed, .*RPO 2h, RTO -; .*\nerror CASSOPS_DRILL_CHECK_FAILED: shop\.orders holds 990 rows/);
  });

  it('list prints one row per drill with its RPO and RTO', async () => {
    const r = await run(registerDrillCommand, ['drill', 'list', 'demo'], scripted({ [`GET ${CLUSTER}/drills`]: [ok({ cluster: 'demo', drills: [
      drillView(), drillView({ drillId: 'd-0', status: 'Running', rpoSeconds: undefined, rtoSeconds: undefined, rowsChecked: undefined })] })] }));
    assert.equal(r.out, [
      'DRILL  BACKUP  STATUS     STARTED                   RPO  RTO  ROWS',
      'd-1    b-1     Succeeded  2026-01-10T04:00:00.000Z  2h   7m   1000',
      'd-0    b-1     Running    2026-01-10T04:00:00.000Z  -    -    -',
      '',
    ].join('\n'));
  });
});

describe('backup, restore and drill usage', () => {
  const io = () => {
    const err: string[] = [];
    const out: string[] = [];
    const cliIo: CliIo = { stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); }, env: {}, readText: async () => '' };
    return { err, out, io: cliIo };
  };
  for (const [argv, message] of [
    [['restore', 'demo', '--target', 'copy'], /required option '--backup <id>' not specified/],
    [['restore', 'demo', '--backup', 'b-1', '--target', 'copy', '--network', 'dc1=10.0.0.0/16,10.0.1.0/24'],
      /option '--network .*' argument 'dc1=10\.0\.0\.0\/16,10\.0\.1\.0\/24' is invalid\. expected dc=addressSpace,dataSubnet,appSubnet/],
    [['restore', 'demo', '--backup', 'b-1', '--target', 'copy', '--network', 'dc1=a,b,c', '--network', 'dc1=d,e,f'], /datacenter dc1 is given twice/],
    [['restore', 'demo', '--backup', 'b-1'], /restore: give --target <name> \(a new cluster\), or --in-place/],
    [['restore', 'demo', '--backup', 'b-1', '--in-place', '--tables', 'ks.t'], /restore: --in-place needs --confirm <cluster>/],
    [['restore', 'demo', '--backup', 'b-1', '--in-place', '--confirm', 'demo'], /restore: --in-place needs --tables or --keyspaces/],
    [['restore', 'demo', '--backup', 'b-1', '--target', 'copy', '--tables', 'ks.t'], /restore: --tables, --keyspaces and --confirm go with --in-place/],
    [['restore', 'demo', '--backup', 'b-1', '--in-place', '--target', 'copy'], /option '--in-place' cannot be used with option '--target <name>'/],
    [['restore', 'demo', '--backup', 'b-1', '--in-place', '--tables', 'ks.t', '--keyspaces', 'ks', '--confirm', 'demo'],
      /option '--tables <keyspace\.table,\.\.\.>' cannot be used with option '--keyspaces <keyspace,\.\.\.>'/],
    [['restore', 'demo', '--backup', 'b-1', '--in-place', '--tables', 'ks.t,,ks.u'], /expected a comma-separated list without empty items/],
    [['backup', 'show', 'demo'], /missing required argument 'backup-id'/],
    [['drill', 'frobnicate', 'demo'], /unknown command 'frobnicate'/],
  ] as const) {
    it(`exits 1 for ${argv.join(' ')}`, async () => {
      const { err, io: cliIo } = io();
      assert.equal(await runCli(argv, cliIo), 1);
      assert.match(err.join(''), message);
    });
  }

  it('describes each command in the help', async () => {
    const { out, io: cliIo } = io();
    assert.equal(await runCli(['backup', '--help'], cliIo), 0);
    assert.match(out.join(''), /start \[options\] <cluster>\s+back up every keyspace[^]*list \[options\] <cluster>[^]*show \[options\] <cluster> <backup-id>/);
    out.length = 0;
    await runCli(['restore', '--help'], cliIo);
    assert.match(out.join(''), /--network <dc=addressSpace,dataSubnet,appSubnet\[,gatewaySubnet\]>/);
  });
});
