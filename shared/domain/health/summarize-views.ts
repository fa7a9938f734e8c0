import type { HealthViews, PortAnswer } from './health-views.js';

/** What each view saw, compactly, per node: the record a history entry keeps of one check. */
export interface ViewsSummary {
  cql: { observedAt: string; reachable: boolean; error?: string; up: string[]; down: string[]; schemaVersions: number;
    /** Per host that answered its virtual tables: pending compactions, dropped messages, hint files. */
    stats?: Record<string, { pending: number; dropped: number; hints: number }> };
  azure: { observedAt: string; ok: boolean; error?: string; power: Record<string, string> };
  /** Per probed node: ok flag, error and disk usage in percent; empty when the disk probe did not run. */
  probes: Record<string, { ok: boolean; error?: string; disk?: number }>;
  /** How each address's native transport port answered; only when the CQL view was unavailable. */
  liveness?: { observedAt: string; answers: Record<string, PortAnswer> };
}

/**
 * Reduces the views to what an operator needs to see in the history: who was up or down for
 * the driver and each host's counters, each VM's power state, each disk probe's answer, and how
 * each native transport port answered when the driver could not log in.
 * Linear in the node count.
 */
export function summarizeViews(views: HealthViews): ViewsSummary {
  const probes: ViewsSummary['probes'] = {};
  for (const p of views.probes) {
    probes[p.node] = { ok: p.ok, error: p.error, disk: p.disk === undefined ? undefined : Math.round(p.disk.usedPercent * 10) / 10 };
  }
  const stats: ViewsSummary['cql']['stats'] = {};
  for (const h of views.cql.hosts) {
    if (h.stats) stats[h.address] = { pending: h.stats.pendingCompactions, dropped: h.stats.droppedMessages, hints: h.stats.hintFiles };
  }
  return {
    cql: {
      observedAt: views.cql.observedAt, reachable: views.cql.reachable, error: views.cql.error,
      up: views.cql.hosts.filter((h) => h.up).map((h) => h.address),
      down: views.cql.hosts.filter((h) => !h.up).map((h) => h.address),
      schemaVersions: new Set(views.cql.hosts.filter((h) => h.up && h.schemaVersion).map((h) => h.schemaVersion)).size,
      stats,
    },
    azure: {
      observedAt: views.azure.observedAt, ok: views.azure.ok, error: views.azure.error,
      power: Object.fromEntries(views.azure.vms.map((v) => [v.vmName, `${v.powerState}/${v.provisioningState}`])),
    },
    probes,
    ...(views.liveness ? { liveness: { observedAt: views.liveness.observedAt,
      answers: Object.fromEntries(views.liveness.answers.map((a) => [a.address, a.answer])) } } : {}),
  };
}
