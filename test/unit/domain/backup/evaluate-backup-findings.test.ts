import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateBackupFindings as evaluateWith, selectBackupEvidence, type BackupHealthInput } from '../../../../shared/domain/backup/evaluate-backup-findings.js';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../../shared/domain/health/health-thresholds.js';
import { backupRecord, drillRecord } from '../../../support/backup-fixtures.js';

const at = (hour: number) => new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000);
const clusterCreatedAt = at(-1000).toISOString();
const complete = (id: string, hour: number) => backupRecord('c', id, hour, { status: 'Complete', manifestBlob: 'm', endedAt: at(hour + 1).toISOString() });
const drill = (id: string, hour: number, status: 'Succeeded' | 'Failed' = 'Succeeded') =>
  drillRecord('c', id, hour, { status, endedAt: at(hour + 1).toISOString() });
/** At the default thresholds (36 h, 8 days) unless the input names others. */
const evaluateBackupFindings = (input: Omit<BackupHealthInput, 'thresholds'> & Partial<Pick<BackupHealthInput, 'thresholds'>>) =>
  evaluateWith({ thresholds: DEFAULT_HEALTH_THRESHOLDS, ...input });
const codes = (input: Parameters<typeof evaluateBackupFindings>[0]) => evaluateBackupFindings(input).map((f) => `${f.code}:${f.severity}`);

describe('evaluateBackupFindings', () => {
  it('finds nothing for a fresh backup proven by a recent drill', () => {
    assert.deepEqual(codes({ clusterCreatedAt, backups: [complete('b1', 0)], drills: [drill('d1', 2)], now: at(10) }), []);
  });

  it('backup-stale once the latest complete backup is older than the threshold, since the threshold was crossed', () => {
    const findings = evaluateBackupFindings({ clusterCreatedAt, backups: [complete('b1', 0), complete('b0', -24)], drills: [drill('d1', 2)], now: at(40) });
    assert.deepEqual(findings.map((f) => f.code), ['backup-stale']);
    assert.equal(findings[0]!.since, at(36).toISOString());
    assert.match(findings[0]!.message, /b1.*40 h/);
  });

  it('backup-stale counts only backups of the whole cluster: a fresh safety backup of some tables does not hide a stale one', () => {
    const safety = { ...complete('r-safety', 39), tables: ['ks.t'] };
    assert.deepEqual(codes({ clusterCreatedAt, backups: [complete('b1', 0), safety], drills: [drill('d1', 2)], now: at(40) }), ['backup-stale:warning']);
    assert.deepEqual(selectBackupEvidence({ clusterCreatedAt, backups: [complete('b1', 0), safety], drills: [] }).backups.map((b) => b.backupId),
      ['b1', 'r-safety']);
  });

  it('backup-stale is critical when the cluster has no complete backup at all, and absent for a new cluster', () => {
    assert.deepEqual(codes({ clusterCreatedAt, backups: [], drills: [drill('d1', 0)], now: at(10) }), ['backup-stale:critical']);
    assert.deepEqual(codes({ clusterCreatedAt: at(0).toISOString(), backups: [], drills: [], now: at(10) }), []);
  });

  it('backup-failed when the latest ended backup failed or is partial, ignoring one still running', () => {
    const failed = backupRecord('c', 'b2', 5, { status: 'Failed', error: { code: 'CASSOPS_NODE_SCRIPT_FAILED', message: 'upload failed' } });
    const running = backupRecord('c', 'b3', 8);
    const findings = evaluateBackupFindings({ clusterCreatedAt, backups: [complete('b1', 0), failed, running], drills: [drill('d1', 2)], now: at(9) });
    assert.deepEqual(findings.map((f) => f.code), ['backup-failed']);
    assert.match(findings[0]!.message, /\(b2\) is Failed.*CASSOPS_NODE_SCRIPT_FAILED/);
    const partial = backupRecord('c', 'b2', 5, { status: 'Partial', nodesMissing: ['n3'] });
    assert.match(evaluateBackupFindings({ clusterCreatedAt, backups: [complete('b1', 0), partial], drills: [drill('d1', 2)], now: at(9) })[0]!.message,
      /Partial \(nodes left out: n3\)/);
    assert.deepEqual(codes({ clusterCreatedAt, backups: [failed, complete('b4', 6)], drills: [drill('d1', 2)], now: at(9) }), [],
      'a later complete backup clears it');
  });

  it('restore-unproven when no drill succeeded within the threshold; a failed drill proves nothing', () => {
    const now = at(24 * 9);
    const backups = [complete('b9', 24 * 9 - 2)];
    assert.deepEqual(codes({ clusterCreatedAt, backups, drills: [drill('d1', 0)], now }), ['restore-unproven:warning']);
    assert.deepEqual(codes({ clusterCreatedAt, backups, drills: [drill('d1', 0), drill('d2', 24 * 8, 'Failed')], now }), ['restore-unproven:warning']);
    assert.deepEqual(codes({ clusterCreatedAt, backups, drills: [drill('d1', 0), drill('d2', 24 * 8)], now }), []);
    assert.match(evaluateBackupFindings({ clusterCreatedAt, backups, drills: [], now })[0]!.message, /has ever succeeded/);
  });

  it('uses the thresholds given', () => {
    assert.deepEqual(codes({ clusterCreatedAt, backups: [complete('b1', 0)], drills: [drill('d1', 0)], now: at(5),
      thresholds: { backupStaleAfterHours: 4, restoreUnprovenAfterDays: 1 } }), ['backup-stale:warning']);
  });

  it('selects the few records the findings read, and finds the same in them as in the whole history', () => {
    const failed = backupRecord('c', 'b2', 30, { status: 'Failed', endedAt: at(31).toISOString() });
    const histories = [
      { backups: [backupRecord('c', 'b3', 50), failed, complete('b1', 0), complete('b0', -24)], drills: [drill('d2', 40, 'Failed'), drill('d1', 2)] },
      { backups: [complete('b1', 0), complete('b0', -24)], drills: [] },
      { backups: [], drills: [drill('d1', 2)] },
    ];
    for (const history of histories) {
      const selected = selectBackupEvidence({ clusterCreatedAt, ...history });
      assert.ok(selected.backups.length <= 2 && selected.drills.length <= 1);
      for (const now of [at(10), at(45), at(24 * 12)]) {
        assert.deepEqual(evaluateBackupFindings({ ...selected, now }), evaluateBackupFindings({ clusterCreatedAt, ...history, now }));
      }
    }
    const first = selectBackupEvidence({ clusterCreatedAt, ...histories[0]! });
    assert.deepEqual([first.backups.map((b) => b.backupId), first.drills.map((d) => d.drillId)], [['b1', 'b2'], ['d1']]);
  });
});
