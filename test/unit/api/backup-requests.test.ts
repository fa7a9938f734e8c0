import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { responseFromError, type ApiResponse } from '../../../shared/api/api-response.js';
import {
  BackupAcceptedSchema, BackupListSchema, BackupSchema, DrillAcceptedSchema, DrillListSchema, ErrorBodySchema, TableRestoreAcceptedSchema,
} from '../../../shared/api/api-schemas.js';
import {
  getBackupRequest, listBackupsRequest, listDrillsRequest, postBackupRequest, postDrillRequest, postRestoreRequest,
} from '../../../shared/api/backup-requests.js';
import { buildOpenApiDocument } from '../../../shared/api/build-openapi-document.js';
import { startOperation } from '../../../shared/api/start-operation.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { RestoreTablesInput } from '../../../shared/contracts/backup-io.js';
import { backupManifest, backupRecord, storeBackup } from '../../support/backup-fixtures.js';
import { backupApiWorld } from '../../support/backup-api-world.js';

const call = async (work: () => Promise<ApiResponse>) => { try { return await work(); } catch (e) { return responseFromError(e); } };
const OPERATOR = { identity: 'ci-key', roles: ['Operator'] };
const ADMIN = { identity: 'ada', roles: ['Reader', 'Admin'] };

describe('backup, restore and drill answers against their published schemas', () => {
  it('a backup started, listed and read; a drill started and listed', async () => {
    const w = await backupApiWorld();
    const accepted = await postBackupRequest(w.deps, 'orders', {}, 'ci-key');
    assert.equal(accepted.status, 202);
    const { backupId } = BackupAcceptedSchema.parse(accepted.body);
    assert.equal(BackupListSchema.parse((await listBackupsRequest(w.deps, 'orders')).body).backups[0]?.backupId, backupId);
    assert.equal(BackupSchema.parse((await getBackupRequest(w.deps, 'orders', backupId)).body).status, 'Running');
    await w.backups.createBackup(backupRecord('orders', 'b-done', 200, { status: 'Complete', manifestBlob: 'backups/b-done/manifest.json' }));
    // A newer safety backup of some tables is passed over: a drill proves a backup of the whole cluster.
    await w.backups.createBackup(backupRecord('orders', 'r-1-safety', 201, { status: 'Complete', manifestBlob: 'x', tables: ['ks1.users'] }));
    const drill = DrillAcceptedSchema.parse((await postDrillRequest(w.deps, 'orders', {}, 'ci-key')).body);
    assert.equal(drill.backupId, 'b-done');
    assert.deepEqual(BackupSchema.parse((await getBackupRequest(w.deps, 'orders', 'r-1-safety')).body).tables, ['ks1.users']);
    assert.deepEqual(DrillListSchema.parse((await listDrillsRequest(w.deps, 'orders')).body).drills.map((d) => d.drillId), [drill.drillId]);
  });

  it('a restore without its backup and target names both fields', async () => {
    const w = await backupApiWorld();
    const refused = await call(() => postRestoreRequest(w.deps, 'orders', {}, OPERATOR));
    const body = ErrorBodySchema.parse(refused.body);
    assert.deepEqual([refused.status, body.code, (body.issues ?? []).map((i) => i.path).sort()], [400, 'CASSOPS_REQUEST_INVALID', ['$.backupId', '$.targetCluster']]);
  });
});

describe('an in-place restore (POST /restores with inPlace)', () => {
  /** Cluster `orders` Ready, with Complete backup b-1 of ks1.orders, ks1.users and ks2.events (and b-partial, Partial). */
  async function world(clusterState: 'Ready' | 'Provisioning' = 'Ready') {
    const w = await backupApiWorld({ orders: clusterState });
    const plan = (await w.state.getCluster('orders'))!.plan;
    await storeBackup(w.deps, backupManifest(plan, 'b-1'));
    await storeBackup(w.deps, backupManifest(plan, 'b-partial'), 'Partial');
    return w;
  }
  const inPlace = (change: Record<string, unknown> = {}) => ({ backupId: 'b-1', inPlace: true, tables: ['ks1.users'], confirm: 'orders', ...change });
  const refusal = async (w: Awaited<ReturnType<typeof world>>, body: unknown, caller = ADMIN) => {
    const r = await call(() => postRestoreRequest(w.deps, 'orders', body, caller));
    const error = ErrorBodySchema.parse(r.body);
    return { status: r.status, code: error.code, message: error.message, paths: (error.issues ?? []).map((i) => i.path) };
  };

  it('starts a RestoreTables operation of the tables asked for: 202 with the operation, the restore and its safety backup', async () => {
    const w = await world();
    const r = await postRestoreRequest(w.deps, 'orders', inPlace({ tables: undefined, keyspaces: ['ks1'] }), ADMIN);
    assert.equal(r.status, 202);
    const accepted = TableRestoreAcceptedSchema.parse(r.body);
    assert.deepEqual(accepted, { operationId: 'run-1', restoreId: 'run-1', cluster: 'orders', backupId: 'b-1', tables: ['ks1.orders', 'ks1.users'],
      safetyBackupId: 'run-1-safety', statusUrl: '/api/operations/run-1' });
    assert.deepEqual(w.started, [{ name: ORCHESTRATIONS.restoreTables, instanceId: 'run-1', input: { operationId: 'run-1', clusterName: 'orders',
      restoreId: 'run-1', backupId: 'b-1', tables: ['ks1.orders', 'ks1.users'] } satisfies RestoreTablesInput }]);
    const operation = await w.state.getOperation('run-1');
    assert.deepEqual([operation?.kind, operation?.requestedBy], ['RestoreTables', 'ada']);
  });

  it('refuses a caller without Admin with 403 naming the role, before reading anything: the route is Operator\'s', async () => {
    const w = await world();
    const refused = await refusal(w, inPlace({ backupId: 'no-such-backup' }), OPERATOR);
    assert.deepEqual([refused.status, refused.code], [403, 'CASSOPS_FORBIDDEN']);
    assert.match(refused.message, /in-place restore needs the Admin role; 'ci-key' holds Operator/);
    assert.deepEqual(w.started, []);
  });

  it('names each bad field at its path: tables and keyspaces both or neither, a malformed table, a missing confirm, an unknown field', async () => {
    const w = await world();
    const cases: [Record<string, unknown>, string[]][] = [
      [inPlace({ keyspaces: ['ks1'] }), ['$.keyspaces']],
      [inPlace({ tables: undefined }), ['$.tables']],
      [inPlace({ tables: ['users'] }), ['$.tables[0]']],
      [inPlace({ confirm: undefined }), ['$.confirm']],
      [inPlace({ targetCluster: 'copy' }), ['$.targetCluster']],
    ];
    for (const [body, paths] of cases) {
      const refused = await refusal(w, JSON.parse(JSON.stringify(body)));
      assert.deepEqual([refused.status, refused.code, refused.paths], [400, 'CASSOPS_REQUEST_INVALID', paths], JSON.stringify(body));
    }
  });

  it('refuses a confirm that does not repeat the cluster name, naming $.confirm', async () => {
    const w = await world();
    const refused = await refusal(w, inPlace({ confirm: 'order' }));
    assert.deepEqual([refused.status, refused.code, refused.paths], [400, 'CASSOPS_CONFIRM_MISMATCH', ['$.confirm']]);
    assert.match(refused.message, /"confirm": "orders"/);
  });

  it('names each table and keyspace the backup does not hold, at its path; system tables are never restored', async () => {
    const w = await world();
    const tables = await refusal(w, inPlace({ tables: ['ks1.users', 'ks1.nobody', 'system_schema.tables'] }));
    assert.deepEqual([tables.status, tables.code, tables.paths], [400, 'CASSOPS_REQUEST_INVALID', ['$.tables[1]', '$.tables[2]']]);
    const keyspaces = await refusal(w, inPlace({ tables: undefined, keyspaces: ['ks2', 'ks9'] }));
    assert.deepEqual([keyspaces.status, keyspaces.paths], [400, ['$.keyspaces[1]']]);
    assert.deepEqual(w.started, []);
  });

  it('refuses a backup that is not Complete and a cluster that is not Ready with 409, a backup that does not exist with 404', async () => {
    const w = await world();
    const partial = await refusal(w, inPlace({ backupId: 'b-partial' }));
    assert.deepEqual([partial.status, partial.code], [409, 'CASSOPS_BACKUP_NOT_RESTORABLE']);
    const building = await refusal(await world('Provisioning'), inPlace());
    assert.deepEqual([building.status, building.code], [409, 'CASSOPS_CLUSTER_UNHEALTHY']);
    const missing = await refusal(w, inPlace({ backupId: 'b-none' }));
    assert.deepEqual([missing.status, missing.code], [404, 'CASSOPS_BACKUP_NOT_FOUND']);
  });

  it('is refused (409 busy) while a repair holds the cluster, and while another in-place restore runs', async () => {
    const w = await world();
    await startOperation(w.deps, { kind: 'RepairCluster', clusterName: 'orders', operationId: 'repair-1', requestedBy: 'timer', trigger: 'timer',
      orchestration: ORCHESTRATIONS.repairCluster, input: {} });
    const duringRepair = await refusal(w, inPlace());
    assert.deepEqual([duringRepair.status, duringRepair.code], [409, 'CASSOPS_CLUSTER_BUSY']);
    const other = await world();
    assert.equal((await postRestoreRequest(other.deps, 'orders', inPlace(), ADMIN)).status, 202);
    const second = await refusal(other, inPlace());
    assert.deepEqual([second.status, second.code], [409, 'CASSOPS_CLUSTER_BUSY']);
  });
});

describe('the OpenAPI document', () => {
  it('describes every backup, restore and drill route', () => {
    const paths = buildOpenApiDocument().paths as Record<string, Record<string, { operationId: string }>>;
    const operations = ['/clusters/{name}/backups', '/clusters/{name}/backups/{id}', '/clusters/{name}/restores', '/clusters/{name}/drills']
      .flatMap((path) => Object.values(paths[path] ?? {}).map((o) => o.operationId));
    assert.deepEqual(operations, ['startBackup', 'listBackups', 'getBackup', 'startRestore', 'startDrill', 'listDrills']);
  });
});
