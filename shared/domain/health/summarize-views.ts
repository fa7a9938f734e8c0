import type { HealthViews } from './health-views.js';

/** What each view saw, compactly, per node: the record a history entry keeps of one check. */
export interface ViewsSummary {
  cql: { observedAt: string; reachable: boolean; error?: string; up: string[]; down: string[]; schemaVersions: number };
  azure: { observedAt: string; ok: boolean; error?: string; power: Record<string, string> };
  /** Per probed node: ok flag, error, and what it reported; empty when the deep probe did not run. */
  probes: Record<string, { ok: boolean; error?: string; sawDown?: string[]; disk?: number; pending?: number; dropped?: number; native?: boolean; gossip?: boolean }>;
}

/**
 * Reduces the views to what an operator needs to see in the history: who was up or down for
 * the driver, each VM's power state, and each probe's answers. Bounded by node count, not by
 * the size of raw nodetool output.
 */
export function summarizeViews(views: HealthViews): ViewsSummary {
  const probes: ViewsSummary['probes'] = {};
  for (const p of views.probes) {
    probes[p.node] = {
      ok: p.ok, error: p.error,
      sawDown: p.status?.filter((r) => r.status !== 'U').map((r) => `${r.status}${r.state} ${r.address}`),
      disk: p.disk === undefined ? undefined : Math.round(p.disk.usedPercent * 10) / 10,
      pending: p.pendingCompactions, dropped: p.droppedMutations,
      native: p.info?.nativeTransportActive, gossip: p.info?.gossipActive,
    };
  }
  return {
    cql: {
      observedAt: views.cql.observedAt, reachable: views.cql.reachable, error: views.cql.error,
      up: views.cql.hosts.filter((h) => h.up).map((h) => h.address),
      down: views.cql.hosts.filter((h) => !h.up).map((h) => h.address),
      schemaVersions: new Set(views.cql.hosts.filter((h) => h.up && h.schemaVersion).map((h) => h.schemaVersion)).size,
    },
    azure: {
      observedAt: views.azure.observedAt, ok: views.azure.ok, error: views.azure.error,
      power: Object.fromEntries(views.azure.vms.map((v) => [v.vmName, `${v.powerState}/${v.provisioningState}`])),
    },
    probes,
  };
}
