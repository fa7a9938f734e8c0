import type { CqlHost, HealthViews, ManagedNode, NodeProbe, PowerState, VmState } from './health-views.js';

/** What the three views say about one managed node, before any judgement. */
export interface NodeEvidence {
  node: ManagedNode;
  /** The driver's view; undefined when the CQL view was unavailable. */
  cqlUp?: boolean;
  cqlHost?: CqlHost;
  /** How many other nodes' `nodetool status` list this node as U, D, and in which state. */
  peersUp: number;
  peersDown: number;
  peerStates: string[];
  /** The node's own `nodetool status` row for itself, if its probe ran. */
  selfUp?: boolean;
  probe?: NodeProbe;
  vm?: VmState;
  powerState?: PowerState;
}

/**
 * Collects, per managed node, what the driver, its peers, the node itself and Azure report.
 * Pure indexing: no judgement; addresses match exactly as the inventory records them.
 */
export function assessNodeLiveness(views: HealthViews): NodeEvidence[] {
  const hostsByAddress = new Map(views.cql.hosts.map((h) => [h.address, h]));
  const probesByNode = new Map(views.probes.map((p) => [p.node, p]));
  const vmsByName = new Map(views.azure.vms.map((v) => [v.vmName, v]));
  const nodeByAddress = new Map(views.nodes.map((n) => [n.address, n.name]));
  const peerRows = indexPeerRows(views.probes, nodeByAddress);
  return views.nodes.map((node) => {
    const cqlHost = hostsByAddress.get(node.address);
    const probe = probesByNode.get(node.name);
    const own = probe?.status?.find((row) => row.address === node.address);
    const peers = peerRows.get(node.address) ?? [];
    const vm = views.azure.ok ? vmsByName.get(node.vmName) : undefined;
    return {
      node,
      cqlUp: views.cql.reachable ? cqlHost?.up === true : undefined,
      cqlHost,
      peersUp: peers.filter((r) => r.status === 'U').length,
      peersDown: peers.filter((r) => r.status === 'D').length,
      peerStates: peers.map((r) => r.state),
      selfUp: own ? own.status === 'U' : undefined,
      probe,
      vm,
      powerState: vm?.powerState,
    };
  });
}

interface PeerRow { status: string; state: string }

/** Rows about each address as seen by the *other* nodes (a node's view of itself is separate). */
function indexPeerRows(probes: NodeProbe[], nodeByAddress: Map<string, string>): Map<string, PeerRow[]> {
  const index = new Map<string, PeerRow[]>();
  for (const probe of probes) {
    if (!probe.status) continue;
    for (const row of probe.status) {
      if (nodeByAddress.get(row.address) === probe.node) continue;
      const list = index.get(row.address) ?? [];
      list.push({ status: row.status, state: row.state });
      index.set(row.address, list);
    }
  }
  return index;
}
