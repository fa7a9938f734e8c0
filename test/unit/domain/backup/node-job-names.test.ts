import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nodeJobName } from '../../../../shared/domain/backup/node-job-names.js';
import { NODE_JOB_SCRIPTS } from '../../../../shared/domain/ports/node-agent-port.js';

/** What Azure accepts as a managed run command's name, and what the twin checks. */
const JOB_NAME = /^[a-z0-9-]{1,63}$/;

describe('nodeJobName', () => {
  const ids = ['3f2b1c9e-7d41-4c1a-9b0e-5e6f7a8b9c0d', 'backup-demo-20260101T020000', 'Backup_Demo.2026:01', 'ü', 'x'.repeat(200),
    'drill-a-cluster-name-of-24c-20260101T020000'];

  for (const script of NODE_JOB_SCRIPTS) {
    it(`names a ${script} job in [a-z0-9-], at most 63 characters, for any id`, () => {
      for (const id of ids) assert.match(nodeJobName(script, id), JOB_NAME, `${script} ${id}`);
    });
  }

  it('lowercases the id and replaces what is not [a-z0-9-] with "-"', () => {
    assert.equal(nodeJobName('snapshotBackup', 'Backup_Demo.2026:01'), 'ap-snap-backup-demo-2026-01');
  });

  it('keeps an operation id (a UUID) whole, so the name still tells the job apart', () => {
    const id = '3f2b1c9e-7d41-4c1a-9b0e-5e6f7a8b9c0d';
    for (const script of NODE_JOB_SCRIPTS) assert.ok(nodeJobName(script, id).endsWith(`-${id}`), script);
  });

  it('keeps a scheduled run id of the longest cluster name whole', () => {
    // scheduledRunId: `<kind>-<cluster name, at most 24>-<yyyymmddThhmmss>`
    const id = `backup-${'c'.repeat(24)}-20260101T020000`;
    assert.ok(nodeJobName('uploadBackup', id).endsWith(`-${id.toLowerCase()}`));
  });

  it('gives the same script and id the same name, so a replayed start finds the job it started', () => {
    for (const script of NODE_JOB_SCRIPTS) assert.equal(nodeJobName(script, 'b-1'), nodeJobName(script, 'b-1'));
  });

  it('gives each script its own name for the same id (a backup\'s snapshot, upload and clear never collide)', () => {
    const names = NODE_JOB_SCRIPTS.map((script) => nodeJobName(script, 'b-1'));
    assert.equal(new Set(names).size, NODE_JOB_SCRIPTS.length, names.join(', '));
  });

  it('gives two backups different names', () => {
    assert.notEqual(nodeJobName('snapshotBackup', 'b-1'), nodeJobName('snapshotBackup', 'b-2'));
  });
});
