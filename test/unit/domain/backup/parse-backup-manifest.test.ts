import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupManifest } from '../../../../shared/domain/backup/backup-model.js';
import { parseBackupManifest } from '../../../../shared/domain/backup/parse-backup-manifest.js';
import { planNodeUpload } from '../../../../shared/domain/backup/plan-node-upload.js';
import { snapshotFile } from '../../../support/backup-fixtures.js';

const tableId = '5a1c0a30-0d3e-11ef-9c4e-3b5d6e7f8a9b';
const manifest: BackupManifest = {
  format: 1, backupId: 'b1', clusterName: 'prod', spec: { cluster: { name: 'prod' } }, specHash: 'a'.repeat(64), createdAt: '2026-01-01T02:00:00.000Z',
  statements: [{ keyspace: 'ks1', cql: `CREATE TABLE ks1.users (id uuid PRIMARY KEY) WITH ID = ${tableId};` }],
  tables: [{ keyspace: 'ks1', table: 'users', tableId }],
  rowCounts: [{ keyspace: 'ks1', table: 'users', rows: 12 }],
  nodes: [{ node: 'n1', datacenter: 'dc1', rack: 'rack1', hostId: '11111111-2222-3333-4444-555555555555', tokens: ['-9223372036854775808', '42'],
    files: planNodeUpload('n1', [snapshotFile('nb-1-big-Data.db', 10)], []).files }],
};

describe('parseBackupManifest', () => {
  it('round-trips a manifest', () => {
    assert.deepEqual(parseBackupManifest(JSON.stringify(manifest)), { ok: true, value: manifest });
  });

  it('refuses what is not JSON, another format, and missing or malformed fields, each at its path', () => {
    const notJson = parseBackupManifest('{');
    assert.equal(!notJson.ok && notJson.error.code, 'CASSOPS_BACKUP_MANIFEST_INVALID');
    const broken = JSON.parse(JSON.stringify(manifest)) as Record<string, unknown> & { nodes: { files: { size: number }[]; hostId?: string }[] };
    broken.format = 2;
    broken.nodes[0]!.files[0]!.size = -1;
    delete broken.nodes[0]!.hostId;
    const result = parseBackupManifest(JSON.stringify(broken));
    assert.equal(result.ok, false);
    const paths = result.ok ? [] : result.error.issues!.map((i) => i.path);
    assert.deepEqual(paths.sort(), ['$.format', '$.nodes[0].files[0].size', '$.nodes[0].hostId']);
  });
});
