import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  renderBackupFilesScript, renderClearSnapshotScript, renderNodeJobScript, renderRestoreFilesScript, renderSnapshotBackupScript, renderUploadBackupScript,
} from '../../../shared/adapters/node-agent/backup-scripts.js';
import { backupScriptParameters, restoreScriptParameters, type NodeBackupRequest, type NodeRestoreRequest }
  from '../../../shared/domain/backup/node-script-parameters.js';
import { NODE_JOB_SCRIPTS } from '../../../shared/domain/ports/node-agent-port.js';

const request: NodeBackupRequest = { backupId: 'backup-20260101T020000Z', containerUrl: 'https://stbk.blob.core.windows.net/backups-prod',
  keyspaces: ['ks1', 'system_schema'], limitMBps: 50, inventoryBlob: 'backups/b1/inventory/n1.tsv', planBlob: 'backups/b1/plans/n1.tsv',
  storedBlob: 'backups/b1/stored/n1.tsv', dataPrefix: 'nodes/n1/data/' };
const SAS = 'sv=2025-01-05&se=2026-01-01T03%3A00%3A00Z&sr=c&sp=rcw&sig=abc%2Bdef%3D';

describe('backup scripts', () => {
  it('keeps the SAS out of the visible parameters and the script text; only `protectedParameters` carries it', () => {
    const { parameters, protectedParameters } = backupScriptParameters(request, SAS);
    assert.deepEqual(protectedParameters, { SAS });
    assert.ok(!JSON.stringify(parameters).includes('sig='));
    assert.deepEqual(parameters, { BACKUP_ID: request.backupId, CONTAINER_URL: request.containerUrl, KEYSPACES: 'ks1,system_schema', LIMIT_MBPS: '50',
      INVENTORY_BLOB: request.inventoryBlob, PLAN_BLOB: request.planBlob, STORED_BLOB: request.storedBlob, NODE_PREFIX: request.dataPrefix,
      SINGLE_PUT_MAX_MIB: '256', MIN_BLOCK_MIB: '8', MAX_BLOCKS: '50000' });
    const upload = renderUploadBackupScript();
    const backupFiles = renderBackupFilesScript();
    for (const script of [renderSnapshotBackupScript(), upload, backupFiles, renderRestoreFilesScript()]) {
      const text = script.join('\n');
      const uses = text.split('\n').filter((line) => /\bSAS\b/.test(line));
      // The upload's batches print a curl config of many transfers, read only through `--config <(put_config …)`.
      const uploads = script === upload || script === backupFiles;
      const batchConfig = uploads ? [uses.find((line) => line.includes('printf \'url = "%s/%s?%s"'))] : [];
      assert.deepEqual(uses, ['[ -n "${SAS:-}" ] || fail no-credential',
        '    --config <(printf \'url = "%s/%s?%s%s"\\n\' "$CONTAINER_URL" "$blob" "$query" "$SAS") 2>>"$state/curl.err"', ...batchConfig],
        'the SAS is only checked and handed to curl on a file descriptor');
      assert.deepEqual(text.match(/put_config\b.*/g)?.slice(1) ?? [], uploads ? ['put_config "${todo[@]}") 2>>"$state/curl.err")'] : []);
      assert.match(text, /set \+x/);
      assert.match(text, /--config <\(printf/, 'the SAS reaches curl through a file descriptor, not argv');
    }
  });

  it('ends every script with its status marker and names the paths of the Debian layout by default', () => {
    assert.match(renderSnapshotBackupScript().at(-1)!, /AUTOPILOT-STATUS snapshotBackup ok/);
    assert.match(renderUploadBackupScript().at(-1)!, /AUTOPILOT-STATUS uploadBackup ok/);
    assert.match(renderBackupFilesScript().at(-1)!, /AUTOPILOT-STATUS backupFiles ok files=\$files bytes=\$bytes new-files=/);
    assert.match(renderClearSnapshotScript().at(-1)!, /AUTOPILOT-STATUS clearSnapshot ok/);
    assert.match(renderRestoreFilesScript().at(-1)!, /AUTOPILOT-STATUS restoreFiles ok files=\$files bytes=\$bytes tables=/);
    for (const script of NODE_JOB_SCRIPTS) assert.match(renderNodeJobScript(script).at(-1)!, new RegExp(`AUTOPILOT-STATUS ${script} ok`));
    assert.match(renderUploadBackupScript().join('\n'), /data_dir=\/var\/lib\/cassandra\/data; state_root=\/var\/lib\/cassandra-autopilot\/backup/);
  });

  it('refuses values that could be read as shell or point elsewhere', () => {
    const bad: [Partial<NodeBackupRequest>, RegExp][] = [
      [{ backupId: 'b1; rm -rf /' }, /backup id/], [{ keyspaces: ['ks1', 'x y'] }, /keyspace/], [{ keyspaces: [] }, /at least one/],
      [{ containerUrl: 'https://evil.example/c?x=1' }, /container URL/], [{ limitMBps: -1 }, /MiB/], [{ limitMBps: 1.5 }, /MiB/],
      [{ planBlob: 'backups/$(id)' }, /blob name/], [{ storedBlob: 'a b' }, /blob name/], [{ dataPrefix: 'nodes/$(id)/' }, /blob prefix/],
    ];
    for (const [change, message] of bad) assert.throws(() => backupScriptParameters({ ...request, ...change }, SAS), message);
    assert.throws(() => backupScriptParameters(request, ''), /SAS/);
    assert.throws(() => backupScriptParameters(request, 'sig="x"'), /SAS/);
  });

  it('passes a restore its id, container, plan and cap, the SAS apart, and refuses values outside the plain forms', () => {
    const restore: NodeRestoreRequest = { restoreId: 'drill-20260101T030000Z', containerUrl: request.containerUrl, planBlob: 'restores/d1/plans/n1.tsv' };
    assert.deepEqual(restoreScriptParameters(restore, SAS), { protectedParameters: { SAS },
      parameters: { RESTORE_ID: restore.restoreId, CONTAINER_URL: restore.containerUrl, PLAN_BLOB: restore.planBlob, LIMIT_MBPS: '0' } });
    assert.equal(restoreScriptParameters({ ...restore, limitMBps: 80 }, SAS).parameters.LIMIT_MBPS, '80');
    const bad: [Partial<NodeRestoreRequest>, RegExp][] = [[{ restoreId: 'r1 && id' }, /restore id/], [{ planBlob: 'a b' }, /blob name/],
      [{ containerUrl: 'https://stbk.blob.core.windows.net/c?sig=x' }, /container URL/], [{ limitMBps: -2 }, /MiB/]];
    for (const [change, message] of bad) assert.throws(() => restoreScriptParameters({ ...restore, ...change }, SAS), message);
    assert.throws(() => restoreScriptParameters(restore, 'a b'), /SAS/);
  });
});
