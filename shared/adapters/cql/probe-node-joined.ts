import type cassandra from 'cassandra-driver';
import type { JoiningNode, NodeJoinStatus } from '../../domain/ports/cql-port.js';

/**
 * Cassandra's own view of one node, read over CQL from the node itself (cheaper and faster than
 * Run Command): it answers for this cluster (cluster_name), finished bootstrapping, sits in its
 * planned DC and rack, lists `expectedHosts` nodes (itself and every peer whose gossip state has
 * reached it: DC, rack, host id, tokens, native address) and all of them report one schema version.
 * Everything is read from the node's tables, never the driver's host list: a session that lives
 * across a ring's boot keeps a host marked down after a DOWN event until an UP event comes, and a
 * fresh one takes every discovered host for up. Each pending node is probed itself, which is what shows it up.
 */
export async function probeNodeJoined(client: cassandra.Client, node: JoiningNode, expectedHosts: number,
  clusterName: string): Promise<NodeJoinStatus> {
  const local = (await client.execute('SELECT cluster_name, bootstrapped, data_center, rack, schema_version FROM system.local')).first();
  if (!local) return { isUpNormal: false, schemaAgrees: false, detail: 'system.local is empty' };
  if (local.cluster_name !== clusterName) {
    return { isUpNormal: false, schemaAgrees: false, detail: `${node.privateIp} answers for cluster '${String(local.cluster_name)}', not '${clusterName}'` };
  }
  if (local.bootstrapped !== 'COMPLETED') return { isUpNormal: false, schemaAgrees: false, detail: `bootstrap ${String(local.bootstrapped)}` };
  if (local.data_center !== node.dc || local.rack !== node.rack) {
    return { isUpNormal: false, schemaAgrees: false, detail: `node reports ${local.data_center}/${local.rack}, planned ${node.dc}/${node.rack}` };
  }
  const peers = (await client.execute('SELECT data_center, rack, host_id, tokens, native_address, schema_version FROM system.peers_v2')).rows;
  const known = peers.filter((p) => p.data_center && p.rack && p.host_id && p.native_address && p.schema_version && (p.tokens?.length ?? 0) > 0);
  if (known.length + 1 < expectedHosts) {
    const partial = peers.length - known.length;
    return { isUpNormal: false, schemaAgrees: false,
      detail: `sees ${known.length + 1} of ${expectedHosts} nodes${partial > 0 ? ` (${partial} more without their full gossip state yet)` : ''}` };
  }
  const versions = new Set([String(local.schema_version), ...known.map((p) => String(p.schema_version))]);
  return { isUpNormal: true, schemaAgrees: versions.size === 1, detail: versions.size === 1 ? 'UN, schema agrees' : `${versions.size} schema versions` };
}
