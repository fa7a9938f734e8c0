import type { ManagedNode, NodeProbe } from './health-views.js';
import type { HealthThresholds } from './health-thresholds.js';
import type { DraftFinding } from './evaluate-node-findings.js';

/**
 * Judges one node's resources from its deep probe: data-disk usage against the warning and
 * critical thresholds, pending compactions, and mutations dropped since the previous probe
 * (tpstats counts are cumulative since start; a smaller count than before means a restart,
 * so the whole count is new).
 */
export function evaluateResourceFindings(node: ManagedNode, probe: NodeProbe, thresholds: HealthThresholds,
  previousDropped: number | undefined): DraftFinding[] {
  const at = { node: node.name, datacenter: node.datacenter };
  const findings: DraftFinding[] = [];
  const disk = probe.disk;
  if (disk && disk.usedPercent >= thresholds.diskWarningPercent) {
    const critical = disk.usedPercent >= thresholds.diskCriticalPercent;
    findings.push({ ...at, code: 'disk-usage-high', severity: critical ? 'critical' : 'warning',
      message: `Data disk of ${node.name} (${disk.mount}) is ${disk.usedPercent.toFixed(1)} % full (threshold ${critical ? thresholds.diskCriticalPercent : thresholds.diskWarningPercent} %).`,
      action: critical
        ? `Act now: compaction needs free space. Clear snapshots (\`nodetool clearsnapshot\`), grow the data disk, or add nodes.`
        : `Plan capacity: clear old snapshots, grow the data disk or add nodes before usage reaches ${thresholds.diskCriticalPercent} %.` });
  }
  const pending = probe.pendingCompactions;
  if (pending !== undefined && pending > thresholds.pendingCompactionsWarning) {
    findings.push({ ...at, code: 'pending-compactions-high', severity: 'warning',
      message: `${node.name} has ${pending} pending compactions (threshold ${thresholds.pendingCompactionsWarning}).`,
      action: 'Check `nodetool compactionstats` and disk throughput; raise compaction_throughput or concurrent_compactors, and hold repairs until it catches up.' });
  }
  const dropped = newlyDropped(probe.droppedMutations, previousDropped);
  if (dropped !== undefined && dropped >= thresholds.droppedMutationsWarning) {
    findings.push({ ...at, code: 'dropped-mutations', severity: 'warning',
      message: `${node.name} dropped ${dropped} mutation(s) since the previous probe.`,
      action: 'The node is overloaded or was paused: check GC pauses and disk latency in system.log; hints replay the writes only within max_hint_window, so run repair on it if drops continue.' });
  }
  return findings;
}

function newlyDropped(current: number | undefined, previous: number | undefined): number | undefined {
  if (current === undefined) return undefined;
  if (previous === undefined || current < previous) return current;
  return current - previous;
}
