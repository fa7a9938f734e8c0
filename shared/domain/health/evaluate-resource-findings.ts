import type { DiskUsage, ManagedNode, NodeStats } from './health-views.js';
import type { HealthThresholds } from './health-thresholds.js';
import type { DraftFinding } from './evaluate-node-findings.js';

/**
 * Judges one node's data disk from its Run Command probe against the warning and critical
 * thresholds (only the operating system knows free space, so this is the one finding that
 * needs Run Command).
 */
export function evaluateDiskFindings(node: ManagedNode, disk: DiskUsage | undefined,
  thresholds: HealthThresholds): DraftFinding[] {
  if (!disk || disk.usedPercent < thresholds.diskWarningPercent) return [];
  const critical = disk.usedPercent >= thresholds.diskCriticalPercent;
  const threshold = critical ? thresholds.diskCriticalPercent : thresholds.diskWarningPercent;
  return [{ node: node.name, datacenter: node.datacenter, code: 'disk-usage-high', severity: critical ? 'critical' : 'warning',
    message: `Data disk of ${node.name} (${disk.mount}) is ${disk.usedPercent.toFixed(1)} % full (threshold ${threshold} %).`,
    action: critical
      ? `Act now: compaction needs free space. Clear snapshots (\`nodetool clearsnapshot\`), grow the data disk, or add nodes.`
      : `Plan capacity: clear old snapshots, grow the data disk or add nodes before usage reaches ${thresholds.diskCriticalPercent} %.` }];
}

/**
 * Judges one node's own counters from its virtual tables: pending compactions, messages dropped
 * since the previous read (the counts are cumulative since start; a smaller count than before
 * means a restart, so the whole count is new), and hints held for longer than the threshold.
 */
export function evaluateStatsFindings(node: ManagedNode, stats: NodeStats, thresholds: HealthThresholds,
  previousDropped: number | undefined, now: string): DraftFinding[] {
  const at = { node: node.name, datacenter: node.datacenter };
  const findings: DraftFinding[] = [];
  if (stats.pendingCompactions > thresholds.pendingCompactionsWarning) {
    findings.push({ ...at, code: 'pending-compactions-high', severity: 'warning',
      message: `${node.name} has ${stats.pendingCompactions} pending compactions `
        + `(threshold ${thresholds.pendingCompactionsWarning}).`,
      action: 'Check `nodetool compactionstats` and disk throughput; raise compaction_throughput or concurrent_compactors, '
        + 'and hold repairs until it catches up.' });
  }
  const dropped = previousDropped === undefined || stats.droppedMessages < previousDropped
    ? stats.droppedMessages : stats.droppedMessages - previousDropped;
  if (dropped >= thresholds.droppedMutationsWarning) {
    findings.push({ ...at, code: 'dropped-mutations', severity: 'warning',
      message: `${node.name} dropped ${dropped} internode message(s) (mutations among them) since the previous check: `
        + 'they expired before it processed them.',
      action: 'The node is overloaded or was paused: check GC pauses and disk latency in system.log; hints replay the '
        + 'writes only within max_hint_window, so run repair on it if drops continue.' });
  }
  // Hints a minute old are a peer restarting; held for long, they are writes a peer is missing.
  const hintAgeInMs = stats.oldestHintAt === undefined ? 0 : Date.parse(now) - Date.parse(stats.oldestHintAt);
  if (stats.hintFiles > 0 && hintAgeInMs >= thresholds.hintsAgeWarningInMs) {
    findings.push({ ...at, code: 'hints-pending', severity: 'warning',
      message: `${node.name} holds ${stats.hintFiles} hint file(s), the oldest from ${stats.oldestHintAt}: `
        + `a peer has been missing writes for ${Math.round(hintAgeInMs / 60_000)} min.`,
      action: 'Bring the peer the hints are for back (`SELECT * FROM system_views.pending_hints` on this node names it); '
        + 'past max_hint_window (3 h) hints stop, so run repair on that peer.' });
  }
  return findings;
}
