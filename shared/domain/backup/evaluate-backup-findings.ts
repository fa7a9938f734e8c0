import type { HealthFinding } from '../health/health-report.js';
import type { BackupRecord, DrillRecord } from './backup-model.js';

/** When backups and drills count as overdue. */
export interface BackupHealthThresholds {
  /** The latest Complete backup may be this old (daily snapshots: a day and a half). */
  staleAfterHours: number;
  /** A successful drill must have ended within this many days (weekly drills: eight days). */
  unprovenAfterDays: number;
}

export const DEFAULT_BACKUP_HEALTH_THRESHOLDS: BackupHealthThresholds = { staleAfterHours: 36, unprovenAfterDays: 8 };

export interface BackupHealthInput {
  /** A new cluster is given one threshold's time before a missing backup or drill is a finding. */
  clusterCreatedAt: string;
  backups: readonly BackupRecord[];
  drills: readonly DrillRecord[];
  now: Date;
  thresholds?: BackupHealthThresholds;
}

const HOUR_MS = 3_600_000;

/**
 * Backup findings of a cluster, pure over its records:
 * - `backup-stale`: the latest Complete backup is older than `staleAfterHours` (critical when
 *   there is none at all once the cluster is older than that);
 * - `backup-failed`: the latest ended backup is Failed or Partial (neither can be restored);
 * - `restore-unproven`: no drill succeeded within `unprovenAfterDays`.
 * `since` is when the condition began (the threshold crossed, the failed backup's end), so it is
 * stable from check to check. Running backups and drills are ignored until they end.
 */
export function evaluateBackupFindings(input: BackupHealthInput): HealthFinding[] {
  const t = input.thresholds ?? DEFAULT_BACKUP_HEALTH_THRESHOLDS;
  const now = input.now.getTime();
  const findings: HealthFinding[] = [];
  const staleMs = t.staleAfterHours * HOUR_MS;
  const latestComplete = newest(input.backups.filter((b) => b.status === 'Complete'), (b) => b.createdAt);
  const staleFrom = Date.parse(latestComplete?.createdAt ?? input.clusterCreatedAt) + staleMs;
  if (now > staleFrom) {
    findings.push({ code: 'backup-stale', severity: latestComplete ? 'warning' : 'critical', since: iso(staleFrom),
      message: latestComplete ? `The latest complete backup (${latestComplete.backupId}) is ${hours(now - Date.parse(latestComplete.createdAt))} h old.`
        : 'The cluster has no complete backup.',
      action: 'Check the backup schedule and the latest backup\'s error; start a backup.' });
  }
  const latestEnded = newest(input.backups.filter((b) => b.status !== 'Running'), (b) => b.createdAt);
  if (latestEnded && (latestEnded.status === 'Failed' || latestEnded.status === 'Partial')) {
    const missing = latestEnded.nodesMissing.length > 0 ? ` (nodes left out: ${latestEnded.nodesMissing.join(', ')})` : '';
    findings.push({ code: 'backup-failed', severity: 'warning', since: latestEnded.endedAt ?? latestEnded.createdAt,
      message: `The latest backup (${latestEnded.backupId}) is ${latestEnded.status}${missing}: it cannot be restored.`
        + (latestEnded.error ? ` ${latestEnded.error.code}: ${latestEnded.error.message}` : ''),
      action: 'Read the backup\'s error, bring every node up, and start a backup.' });
  }
  const unprovenMs = t.unprovenAfterDays * 24 * HOUR_MS;
  const latestDrill = newest(input.drills.filter((d) => d.status === 'Succeeded' && d.endedAt), (d) => d.endedAt!);
  const unprovenFrom = Date.parse(latestDrill?.endedAt ?? input.clusterCreatedAt) + unprovenMs;
  if (now > unprovenFrom) {
    findings.push({ code: 'restore-unproven', severity: 'warning', since: iso(unprovenFrom),
      message: latestDrill ? `No restore drill has succeeded since ${latestDrill.endedAt} (backup ${latestDrill.backupId}).`
        : 'No restore drill has ever succeeded: no backup of this cluster is proven restorable.',
      action: 'Run a restore drill, and check the drill schedule.' });
  }
  return findings;
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
