import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { createHealthActivities } from '../../../shared/activities/health-activities.js';
import { InMemoryBackupStore } from '../../../shared/adapters/memory/in-memory-backup-store.js';
import { InMemoryHealthStore } from '../../../shared/adapters/memory/in-memory-health-store.js';
import { InMemoryRepairStore } from '../../../shared/adapters/memory/in-memory-repair-store.js';
import { InMemoryStateStore } from '../../../shared/adapters/memory/in-memory-state-store.js';
import type { LoadHealthContextOutput } from '../../../shared/contracts/health-io.js';
import { evaluateClusterHealth } from '../../../shared/domain/health/evaluate-cluster-health.js';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../shared/domain/health/health-thresholds.js';
import { backupRecord, drillRecord } from '../../support/backup-fixtures.js';
import { deploymentPlanFixture, validSpecFixture } from '../../support/deployment-plan-fixture.js';
import { threeNodeViews } from '../domain/health/health-scenario.js';

/** The backup fixtures count hours from here; the cluster is as old. */
const CREATED = '2026-01-01T00:00:00.000Z';

async function world() {
  const state = new InMemoryStateStore();
  const backups = new InMemoryBackupStore();
  await state.createCluster({ name: 'orders', state: 'Ready', spec: validSpecFixture(1, 3, { name: 'orders' }), plan: deploymentPlanFixture(1, 3, { name: 'orders' }),
    lastOperationId: 'deploy-1', createdAt: CREATED, updatedAt: CREATED });
  const activities = createHealthActivities({ state, backups, health: new InMemoryHealthStore(), repairs: new InMemoryRepairStore(),
    thresholds: DEFAULT_HEALTH_THRESHOLDS } as unknown as ActivityDeps);
  return { backups, activities };
}

async function loadedFindings(activities: Awaited<ReturnType<typeof world>>['activities'], now: string) {
  const loaded = await activities.loadHealthContext({ cluster: 'orders' }) as Extract<LoadHealthContextOutput, { found: true }>;
  const views = { ...threeNodeViews(now), repairLedger: loaded.repairLedger, backupHistory: loaded.backupHistory };
  return { loaded, report: evaluateClusterHealth(views, loaded.thresholds, undefined, now) };
}

describe('loadHealthContext: the backup history a check evaluates', () => {
  it('a cluster with no complete backup within the threshold gets backup-stale (critical), and restore-unproven once no drill succeeded in 8 days', async () => {
    const { backups, activities } = await world();
    await backups.createBackup(backupRecord('orders', 'b1', 10, { status: 'Failed', endedAt: '2026-01-01T10:30:00.000Z',
      error: { code: 'CASSOPS_NODE_SCRIPT_FAILED', message: 'upload failed' } }));
    const { report } = await loadedFindings(activities, '2026-01-02T13:00:00.000Z');
    const backupFindings = report.findings.filter((f) => f.code.startsWith('backup') || f.code === 'restore-unproven');
    assert.deepEqual(backupFindings.map((f) => `${f.code}:${f.severity}`), ['backup-stale:critical', 'backup-failed:warning']);
    assert.match(backupFindings[1]!.message, /\(b1\) is Failed.*CASSOPS_NODE_SCRIPT_FAILED/);
    const later = await loadedFindings(activities, '2026-01-09T01:00:00.000Z');
    assert.ok(later.report.findings.some((f) => f.code === 'restore-unproven'));
  });

  it('carries only the deciding records: the latest complete and ended backups and the latest successful drill', async () => {
    const { backups, activities } = await world();
    for (let day = 0; day < 5; day++) {
      await backups.createBackup(backupRecord('orders', `b${day}`, day * 24, { status: 'Complete', manifestBlob: 'm', endedAt: `2026-01-0${day + 1}T01:00:00.000Z` }));
    }
    await backups.createBackup(backupRecord('orders', 'b5', 5 * 24, { status: 'Partial', nodesMissing: ['n3'] }));
    await backups.createBackup(backupRecord('orders', 'b6', 6 * 24));
    await backups.createDrill(drillRecord('orders', 'd1', 30, { status: 'Succeeded', endedAt: '2026-01-02T08:00:00.000Z' }));
    await backups.createDrill(drillRecord('orders', 'd2', 100, { status: 'Failed', endedAt: '2026-01-05T06:00:00.000Z' }));
    const { loaded, report } = await loadedFindings(activities, '2026-01-07T01:00:00.000Z');
    assert.deepEqual([loaded.backupHistory.backups.map((b) => b.backupId), loaded.backupHistory.drills.map((d) => d.drillId)], [['b4', 'b5'], ['d1']]);
    assert.deepEqual(report.findings.map((f) => `${f.code}:${f.severity}`), ['backup-stale:warning', 'backup-failed:warning']);
    assert.match(report.findings[0]!.message, /\(b4\) is 49 h old/);
  });
});
