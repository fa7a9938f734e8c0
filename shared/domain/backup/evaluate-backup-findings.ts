import type { HealthFinding } from '../health/health-report.js';
import type { HealthThresholds } from '../health/health-thresholds.js';
import type { BackupRecord, DrillRecord } from './backup-model.js';
import { isFullBackup } from './decide-backup-status.js';

/** A cluster's backups and drills as a health check reads them. */
export interface BackupHistoryView {
  /** A new cluster is given one threshold's time before a missing backup or drill is a finding. */
  clusterCreatedAt: string;
  backups: readonly BackupRecord[];
  drills: readonly DrillRecord[];
}

export interface BackupHealthInput extends BackupHistoryView {
  now: Date;
  thresholds: Pick<HealthThresholds, 'backupStaleAfterHours' | 'restoreUnprovenAfterDays'>;
}

const HOUR_MS = 3_600_000;

/**
 * Backup findings of a cluster, pure over its records:
 * - `backup-stale`: the latest Complete backup of the whole cluster (isFullBackup) is older than `backupStaleAfterHours` (critical when
 *   there is none at all once the cluster is older than that);
 * - `backup-failed`: the latest ended backup is Failed or Partial (neither can be restored);
 * - `restore-unproven`: no drill succeeded within `restoreUnprovenAfterDays`.
 * `since` is when the condition began (the threshold crossed, the failed backup's end), so it is
 * stable from check to check. Running backups and drills are ignored until they end.
 */
export function evaluateBackupFindings(input: BackupHealthInput): HealthFinding[] {
  const t = input.thresholds;
  const now = input.now.getTime();
  const findings: HealthFinding[] = [];
  const staleMs = t.backupStaleAfterHours * HOUR_MS;
  const { latestComplete, latestEnded, latestDrill } = latestOf(input);
  const staleFrom = Date.parse(latestComplete?.createdAt ?? input.clusterCreatedAt) + staleMs;
  if (now > staleFrom) {
    findings.push({ code: 'backup-stale', severity: latestComplete ? 'warning' : 'critical', since: iso(staleFrom),
      message: latestComplete ? `The latest complete backup (${latestComplete.backupId}) is ${hours(now - Date.parse(latestComplete.createdAt))} h old.`
        : 'The cluster has no complete backup.',
      action: 'Check the backup schedule and the latest backup\'s error; start a backup.' });
  }
  if (latestEnded && (latestEnded.status === 'Failed' || latestEnded.status === 'Partial')) {
    const missing = latestEnded.nodesMissing.length > 0 ? ` (nodes left out: ${latestEnded.nodesMissing.join(', ')})` : '';
    findings.push({ code: 'backup-failed', severity: 'warning', since: latestEnded.endedAt ?? latestEnded.createdAt,
      message: `The latest backup (${latestEnded.backupId}) is ${latestEnded.status}${missing}: it cannot be restored.`
        + (latestEnded.error ? ` ${latestEnded.error.code}: ${latestEnded.error.message}` : ''),
      action: 'Read the backup\'s error, bring every node up, and start a backup.' });
  }
  const unprovenMs = t.restoreUnprovenAfterDays * 24 * HOUR_MS;
  const unprovenFrom = Date.parse(latestDrill?.endedAt ?? input.clusterCreatedAt) + unprovenMs;
  if (now > unprovenFrom) {
    findings.push({ code: 'restore-unproven', severity: 'warning', since: iso(unprovenFrom),
      message: latestDrill ? `No restore drill has succeeded since ${latestDrill.endedAt} (backup ${latestDrill.backupId}).`
        : 'No restore drill has ever succeeded: no backup of this cluster is proven restorable.',
      action: 'Run a restore drill, and check the drill schedule.' });
  }
  return findings;
}

/**
 * Only the records evaluateBackupFindings reads (the latest Complete backup, the latest ended one,
 * the latest successful drill), so a health check carries three records through its history
 * instead of every listed one; the findings of the selection are those of the whole history.
 */
export function selectBackupEvidence(view: BackupHistoryView): BackupHistoryView {
  const { latestComplete, latestEnded, latestDrill } = latestOf(view);
  const backups = [latestComplete, latestEnded].filter((b, i, all): b is BackupRecord => b !== undefined && all.indexOf(b) === i);
  return { clusterCreatedAt: view.clusterCreatedAt, backups, drills: latestDrill ? [latestDrill] : [] };
}

function latestOf(view: BackupHistoryView) {
  return {
    latestComplete: newest(view.backups.filter((b) => b.status === 'Complete' && isFullBackup(b)), (b) => b.createdAt),
    latestEnded: newest(view.backups.filter((b) => b.status !== 'Running'), (b) => b.createdAt),
    /** The latest drill that succeeded: what proves a backup restorable. */
    latestDrill: newest(view.drills.filter((d) => d.status === 'Succeeded' && d.endedAt), (d) => d.endedAt!),
  };
}

function newest<T>(items: readonly T[], at: (item: T) => string): T | undefined {
  return items.reduce<T | undefined>((best, item) => (best === undefined || Date.parse(at(item)) > Date.parse(at(best)) ? item : best), undefined);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function hours(ms: number): number {
  return Math.floor(ms / HOUR_MS);
}
