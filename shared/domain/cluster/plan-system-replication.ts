/**
 * Replication for the system keyspaces that must survive node loss (system_auth,
 * system_distributed, system_traces): NetworkTopologyStrategy with RF min(3, nodes in the DC)
 * per DC, so logins and repair history outlive one node and every DC reads locally.
 */
export function planSystemReplication(nodes: readonly { dc: string }[]): Record<string, number> {
  const perDc: Record<string, number> = {};
  for (const node of nodes) perDc[node.dc] = (perDc[node.dc] ?? 0) + 1;
  return Object.fromEntries(Object.entries(perDc).map(([dc, count]) => [dc, Math.min(3, count)]));
}

/** The system keyspaces replicated per DC by planSystemReplication. */
export const REPLICATED_SYSTEM_KEYSPACES = ['system_auth', 'system_distributed', 'system_traces'] as const;
