import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planBackupRetention, type RetainedBackup } from '../../../../shared/domain/backup/plan-backup-retention.js';

const now = new Date('2026-02-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
const backup = (backupId: string, age: number, blobs: string[], status: RetainedBackup['status'] = 'Complete'): RetainedBackup =>
  ({ backupId, createdAt: daysAgo(age), status, blobs });

describe('planBackupRetention', () => {
  it('expires backups older than retentionDays and deletes only the blobs no kept backup references', () => {
    const plan = planBackupRetention([backup('old', 10, ['a', 'b']), backup('mid', 5, ['b', 'c']), backup('new', 1, ['c', 'd'])],
      { retentionDays: 7, keepLast: 1 }, now);
    assert.deepEqual(plan, { expire: ['old'], keep: ['mid', 'new'], deleteBlobs: ['a'] });
  });

  it('keeps the newest keepLast complete backups whatever their age, so stalled backups never leave none', () => {
    const plan = planBackupRetention([backup('b1', 40, ['a']), backup('b2', 30, ['b']), backup('b3', 20, ['c']),
      backup('f1', 15, ['x'], 'Failed')], { retentionDays: 7, keepLast: 2 }, now);
    assert.deepEqual(plan, { expire: ['b1', 'f1'], keep: ['b2', 'b3'], deleteBlobs: ['a', 'x'] });
  });

  it('ages a safety backup of some tables out without counting it in keepLast: it would keep no whole-cluster backup', () => {
    const plan = planBackupRetention([backup('full', 20, ['a']), { ...backup('full-r-safety', 10, ['b']), tables: ['ks.t'] }],
      { retentionDays: 7, keepLast: 1 }, now);
    assert.deepEqual(plan, { expire: ['full-r-safety'], keep: ['full'], deleteBlobs: ['b'] });
  });

  it('ages Failed and Partial backups out without counting them in keepLast, and keeps a shared file', () => {
    const plan = planBackupRetention([backup('p1', 9, ['a', 'shared'], 'Partial'), backup('c1', 8, ['shared'])],
      { retentionDays: 7, keepLast: 1 }, now);
    assert.deepEqual(plan, { expire: ['p1'], keep: ['c1'], deleteBlobs: ['a'] });
  });

  it('never expires a Running backup nor deletes what it has planned', () => {
    const plan = planBackupRetention([backup('r1', 30, ['a'], 'Running'), backup('c1', 30, ['a', 'b']), backup('c2', 0, [])],
      { retentionDays: 7, keepLast: 1 }, now);
    assert.deepEqual(plan, { expire: ['c1'], keep: ['c2', 'r1'], deleteBlobs: ['b'] });
  });

  it('does not depend on input order, and keeps everything young', () => {
    const backups = [backup('x', 2, ['a']), backup('y', 1, ['b']), backup('z', 3, ['c'])];
    const a = planBackupRetention(backups, { retentionDays: 7, keepLast: 1 }, now);
    assert.deepEqual(a, planBackupRetention([...backups].reverse(), { retentionDays: 7, keepLast: 1 }, now));
    assert.deepEqual(a, { expire: [], keep: ['x', 'y', 'z'], deleteBlobs: [] });
  });
});
