import type { DeploymentNode, DeploymentPlan } from '../deploy/deployment-plan.js';

/** The restart's waves, each restarted together, in order, and why a rack-at-a-time restart fell back to nodes, if it did. */
export interface RestartWaves {
  waves: DeploymentNode[][];
  note?: string;
}

/**
 * Groups the nodes to restart into waves, keeping their order. By node: one node a wave. By
 * rack: a DC's nodes of one rack in one wave, where losing a whole rack keeps every replica set
 * at quorum: every keyspace replicated in the DC has at least 3 replicas there and no more than
 * its racks (NetworkTopologyStrategy then puts at most one replica of a range on each rack).
 * Elsewhere a wave is one node, and `note` says why. Pure.
 */
export function planRestartWaves(nodes: readonly DeploymentNode[], plan: Pick<DeploymentPlan, 'datacenters' | 'nodes' | 'keyspaces' | 'systemReplication'>,
  by: 'node' | 'rack'): RestartWaves {
  if (by === 'node') return { waves: nodes.map((n) => [n]) };
  const replication = [plan.systemReplication, ...plan.keyspaces.map((k) => k.replication)];
  const racksOf = (dc: string) => new Set(plan.nodes.filter((n) => n.dc === dc).map((n) => n.rack)).size;
  const unsafe = new Map<string, string>();
  for (const dc of new Set(nodes.map((n) => n.dc))) {
    const factors = replication.map((r) => r[dc] ?? 0).filter((f) => f > 0);
    const racks = racksOf(dc);
    const bad = factors.find((f) => f < 3 || f > racks);
    if (bad !== undefined) unsafe.set(dc, `${dc}: a keyspace has ${bad} replica(s) there over ${racks} rack(s)`);
  }
  const waves: DeploymentNode[][] = [];
  const byRack = new Map<string, DeploymentNode[]>();
  for (const node of nodes) {
    if (unsafe.has(node.dc)) {
      waves.push([node]);
      continue;
    }
    const key = `${node.dc}/${node.rack}`;
    const wave = byRack.get(key);
    if (wave) wave.push(node);
    else {
      const fresh = [node];
      byRack.set(key, fresh);
      waves.push(fresh);
    }
  }
  return { waves, ...(unsafe.size > 0 ? { note: `node by node in ${[...unsafe.values()].join('; ')}: a whole rack down would lose quorum` } : {}) };
}
