import { z } from 'zod';

/**
 * Health thresholds an operator may set per cluster (the spec's `health` section) or per app.
 * Every field has a default, so `{}` is valid; errors name the field (zod issue paths).
 */
export const HealthThresholdsSchema = z.object({
  /** Data-disk usage that raises a warning, in percent. */
  diskWarningPercent: z.number().min(1).max(100).default(80),
  /** Data-disk usage that raises a critical finding, in percent. */
  diskCriticalPercent: z.number().min(1).max(100).default(90),
  /** Pending compaction tasks on one node above which it is falling behind. */
  pendingCompactionsWarning: z.number().int().min(0).default(100),
  /** Internode messages newly dropped on one node since the previous check that raise a warning. */
  droppedMutationsWarning: z.number().int().min(1).default(1),
  /** Age of the oldest hint a node holds for a peer that raises a warning (max_hint_window is 3 h). */
  hintsAgeWarningInMs: z.number().int().min(0).default(30 * 60_000),
  /** Replication factor the quorum check assumes per DC. */
  replicationFactor: z.number().int().min(1).max(9).default(3),
  /**
   * The deep probe (Run Command: `df` of the data disk, the one thing CQL cannot tell) runs at
   * least this often on each node even when all looks well. Each costs 20 s or more and a VM write token.
   */
  deepProbeIntervalInMs: z.number().int().min(60_000).default(4 * 60 * 60_000),
  /** ... and never more often than this, even when trouble is suspected. */
  deepProbeMinIntervalInMs: z.number().int().min(0).default(2 * 60_000),
  /** VM write-throttle tokens (Compute "Update VM": 12 max, 4/min) left for other operations. */
  runCommandReserveTokens: z.number().int().min(0).max(11).default(6),
  /** The latest Complete backup may be this old before `backup-stale` (daily snapshots: a day and a half). */
  backupStaleAfterHours: z.number().gt(0).max(24 * 366).default(36),
  /** A restore drill must have succeeded within this many days, else `restore-unproven` (weekly drills: eight days). */
  restoreUnprovenAfterDays: z.number().gt(0).max(366).default(8),
}).refine((t) => t.diskWarningPercent <= t.diskCriticalPercent, {
  message: 'diskWarningPercent must not exceed diskCriticalPercent',
  path: ['diskWarningPercent'],
});

export type HealthThresholds = z.output<typeof HealthThresholdsSchema>;

/** The defaults, for callers that have no overrides. */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = HealthThresholdsSchema.parse({});
