import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { responseFromError, type ApiResponse } from '../../../shared/api/api-response.js';
import {
  BackupAcceptedSchema, BackupListSchema, BackupSchema, DrillAcceptedSchema, DrillListSchema, ErrorBodySchema,
} from '../../../shared/api/api-schemas.js';
import {
  getBackupRequest, listBackupsRequest, listDrillsRequest, postBackupRequest, postDrillRequest, postRestoreRequest,
} from '../../../shared/api/backup-requests.js';
import { buildOpenApiDocument } from '../../../shared/api/build-openapi-document.js';
import { backupRecord } from '../../support/backup-fixtures.js';
import { backupApiWorld } from '../../support/backup-api-world.js';

const call = async (work: () => Promise<ApiResponse>) => { try { return await work(); } catch (e) { return responseFromError(e); } };

describe('backup, restore and drill answers against their published schemas', () => {
  it('a backup started, listed and read; a drill started and listed', async () => {
    const w = await backupApiWorld();
    const accepted = await postBackupRequest(w.deps, 'orders', {}, 'ci-key');
    assert.equal(accepted.status, 202);
    const { backupId } = BackupAcceptedSchema.parse(accepted.body);
    assert.equal(BackupListSchema.parse((await listBackupsRequest(w.deps, 'orders')).body).backups[0]?.backupId, backupId);
    assert.equal(BackupSchema.parse((await getBackupRequest(w.deps, 'orders', backupId)).body).status, 'Running');
    await w.backups.createBackup(backupRecord('orders', 'b-done', 200, { status: 'Complete', manifestBlob: 'backups/b-done/manifest.json' }));
    const drill = DrillAcceptedSchema.parse((await postDrillRequest(w.deps, 'orders', {}, 'ci-key')).body);
    assert.equal(drill.backupId, 'b-done');
    assert.deepEqual(DrillListSchema.parse((await listDrillsRequest(w.deps, 'orders')).body).drills.map((d) => d.drillId), [drill.drillId]);
  });

  it('a restore without its backup and target names both fields', async () => {
    const w = await backupApiWorld();
    const refused = await call(() => postRestoreRequest(w.deps, 'orders', {}, 'ci-key'));
    const body = ErrorBodySchema.parse(refused.body);
    assert.deepEqual([refused.status, body.code, (body.issues ?? []).map((i) => i.path).sort()], [400, 'CASSOPS_REQUEST_INVALID', ['$.backupId', '$.targetCluster']]);
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
