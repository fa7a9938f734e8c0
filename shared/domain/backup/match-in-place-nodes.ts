import type { RingNode } from '../repair/repair-model.js';
import type { BackupNode } from './backup-model.js';
import type { RestorePairing } from './match-restore-nodes.js';

/** A node of the cluster restored in place, as its plan names and addresses it. */
export interface InPlaceNode {
  name: string;
  privateIp: string;
}

/**
 * Pairs each node of a cluster restored in place with its own backed-up self, by name, and
 * requires that the ring (read now) still gives it the tokens the backup recorded: its files hold
 * those ranges' data, and `nodetool import` of another range's data would leave it where no read
 * finds it. A node added or removed since the backup changes the ring too.
 * @returns the pairings in name order, or each node that does not fit (`demo-dc1-2: holds other
 *   tokens than the backup recorded`).
 */
export function matchInPlaceNodes(backupNodes: readonly BackupNode[], nodes: readonly InPlaceNode[], ring: readonly RingNode[]):
{ ok: true; pairings: RestorePairing[] } | { ok: false; mismatches: string[] } {
  const sorted = (tokens: readonly string[]) => [...tokens].sort().join(',');
  const mismatches: string[] = [];
  const pairings: RestorePairing[] = [];
  for (const source of backupNodes) {
    const node = nodes.find((n) => n.name === source.node);
    const owned = node && ring.find((r) => r.address === node.privateIp);
    if (!node) mismatches.push(`${source.node}: in the backup, no longer in the cluster`);
    else if (!owned) mismatches.push(`${source.node}: not in the ring`);
    else if (sorted(owned.tokens) !== sorted(source.tokens)) mismatches.push(`${source.node}: holds other tokens than the backup recorded`);
    else pairings.push({ target: node.name, source });
  }
  for (const node of nodes) {
    if (!backupNodes.some((b) => b.node === node.name)) mismatches.push(`${node.name}: in the cluster, not in the backup`);
  }
  if (mismatches.length > 0) return { ok: false, mismatches };
  return { ok: true, pairings: pairings.sort((a, b) => a.target.localeCompare(b.target, 'en', { numeric: true })) };
}
