import type cassandra from 'cassandra-driver';
import type { JoiningNode, NodeJoinStatus } from '../../domain/ports/cql-port.js';

interface PeerRow {
  peer: string;
  dataCenter: string;
  rack: string;
  schemaVersion: string;
}

/**
 * Cassandra's own view of one node, read over CQL (cheaper and faster than Run Command): the
 * node answers for this cluster (cluster_name), finished bootstrapping, sits in its planned DC and rack, every other host the
 * driver knows is up and agrees on one schema version. `expectedHosts` counts the nodes that
 * must be visible (those that joined before, plus this one).
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
  const peers = (await client.execute('SELECT peer, data_center, rack, schema_version FROM system.peers')).rows.map((r): PeerRow => ({
    peer: String(r.peer), dataCenter: r.data_center, rack: r.rack, schemaVersion: String(r.schema_version) }));
  const hosts = client.hosts.values();
  const down = hosts.filter((h) => !h.isUp()).map((h) => h.address);
  if (hosts.length < expectedHosts || peers.length + 1 < expectedHosts) {
    return { isUpNormal: false, schemaAgrees: false, detail: `sees ${peers.length + 1} of ${expectedHosts} nodes` };
  }
  if (down.length > 0) return { isUpNormal: false, schemaAgrees: false, detail: `hosts down: ${down.join(', ')}` };
  const versions = new Set([String(local.schema_version), ...peers.map((p) => p.schemaVersion)]);
  return { isUpNormal: true, schemaAgrees: versions.size === 1, detail: versions.size === 1 ? 'UN, schema agrees' : `${versions.size} schema versions` };
}
