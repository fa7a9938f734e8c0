import type { DeepProbeDecision } from './decide-deep-probe.js';
import type { HealthReport } from './health-report.js';
import type { ManagedNode } from './health-views.js';

/** Findings a `df` of the node's data disk can confirm or explain: a full disk stalls compaction, hints and the process. */
const DISK_SUSPECT_CODES = new Set<string>(['disk-usage-high', 'pending-compactions-high', 'hints-pending', 'node-down']);

/** The VMs the deep probe visits, and whether that is every node (only then does its interval restart). */
export interface DeepProbeTargets<T> {
  nodes: T[];
  full: boolean;
}

/**
 * Chooses which VMs the deep probe visits. Invariants: none unless the decision says run; every
 * node on a first probe, when the interval elapsed, or for an alert (it may concern any VM);
 * otherwise (trouble suspected by the quick views) only nodes with a finding a `df` can explain,
 * so a persisting warning on one node does not cost every VM a Run Command at each check.
 */
export function selectDeepProbeNodes<T extends ManagedNode>(decision: DeepProbeDecision, quick: HealthReport, nodes: T[],
  alert: boolean): DeepProbeTargets<T> {
  if (!decision.run) return { nodes: [], full: false };
  if (decision.reason !== 'trouble-suspected' || alert) return { nodes, full: true };
  const suspects = new Set(quick.findings.filter((f) => DISK_SUSPECT_CODES.has(f.code)).map((f) => f.node));
  const chosen = nodes.filter((n) => suspects.has(n.name));
  return { nodes: chosen, full: chosen.length === nodes.length };
}
