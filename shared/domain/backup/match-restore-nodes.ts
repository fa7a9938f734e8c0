import type { BackupNode } from './backup-model.js';

/** A node of the cluster a backup is restored into, as its plan places it. */
export interface RestoreTargetNode {
  name: string;
  dc: string;
  rack: string;
}

/** Each target node and the backed-up node whose tokens and files it takes. */
export interface RestorePairing {
  target: string;
  source: BackupNode;
}

/**
 * Pairs the nodes of the restored cluster with the backup's nodes, rack by rack: each rack of
 * each DC must hold as many nodes as the backup's, so every token range lands in a rack of the
 * same DC and replicas stay spread as they were. Within a rack, nodes pair in name order (the
 * planner names nodes by ordinal), so the same backup always restores the same way.
 * @returns the pairings, or the racks whose counts differ (`dc1/rack2: backup 2, target 1`).
 */
export function matchRestoreNodes(backupNodes: readonly BackupNode[], targets: readonly RestoreTargetNode[]):
{ ok: true; pairings: RestorePairing[] } | { ok: false; mismatches: string[] } {
  const racksOf = <T>(items: readonly T[], key: (t: T) => string, name: (t: T) => string) => {
    const racks = new Map<string, T[]>();
    for (const item of items) racks.set(key(item), [...(racks.get(key(item)) ?? []), item]);
    for (const list of racks.values()) list.sort((a, b) => byName(name(a), name(b)));
    return racks;
  };
  const sources = racksOf(backupNodes, (n) => `${n.datacenter}/${n.rack}`, (n) => n.node);
  const wanted = racksOf(targets, (n) => `${n.dc}/${n.rack}`, (n) => n.name);
  const mismatches = [...new Set([...sources.keys(), ...wanted.keys()])].sort(byName)
    .filter((rack) => (sources.get(rack)?.length ?? 0) !== (wanted.get(rack)?.length ?? 0))
    .map((rack) => `${rack}: backup ${sources.get(rack)?.length ?? 0}, target ${wanted.get(rack)?.length ?? 0}`);
  if (mismatches.length > 0) return { ok: false, mismatches };
  const pairings = [...wanted].flatMap(([rack, nodes]) => nodes.map((t, i) => ({ target: t.name, source: sources.get(rack)![i]! })));
  return { ok: true, pairings: pairings.sort((a, b) => byName(a.target, b.target)) };
}

function byName(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
