import type {
  CqlHost, HealthViews, LivenessAnswer, ManagedNode, NodeProbe, NodeStats, PowerState, VmState,
} from './health-views.js';

/** What the views say about one managed node, before any judgement. */
export interface NodeEvidence {
  node: ManagedNode;
  /** Whether the node answered a query pinned to it; undefined when the CQL view was unavailable. */
  cqlUp?: boolean;
  cqlHost?: CqlHost;
  /** Its gossip STATUS as the control host sees it (NORMAL, BOOT, LEAVING, MOVING…). */
  gossipStatus?: string;
  /** Its own virtual tables, when it answered them this check. */
  stats?: NodeStats;
  /** How its native transport port answered a login-free connect; only when the CQL view was unavailable. */
  liveness?: LivenessAnswer;
  /** Its VM's disk probe, if the Run Command probe ran this check. */
  probe?: NodeProbe;
  vm?: VmState;
  powerState?: PowerState;
}

/**
 * Collects, per managed node, what the driver, the node's own virtual tables, its native transport
 * port (when the driver could not log in), its VM's disk probe and Azure report. Pure indexing,
 * linear in the views: each view is indexed once by address or name, and no node's view of
 * another node is consulted (the ring comes from one control host).
 */
export function assessNodeLiveness(views: HealthViews): NodeEvidence[] {
  const hostsByAddress = new Map(views.cql.hosts.map((h) => [h.address, h]));
  const probesByNode = new Map(views.probes.map((p) => [p.node, p]));
  const vmsByName = new Map(views.azure.vms.map((v) => [v.vmName, v]));
  // A reachable CQL view answers for every node; the port is asked only when it could not.
  const answers = views.cql.reachable ? [] : views.liveness?.answers ?? [];
  const answersByAddress = new Map(answers.map((a) => [a.address, a]));
  return views.nodes.map((node) => {
    const cqlHost = hostsByAddress.get(node.address);
    const vm = views.azure.ok ? vmsByName.get(node.vmName) : undefined;
    return {
      node,
      cqlUp: views.cql.reachable ? cqlHost?.up === true : undefined,
      cqlHost,
      gossipStatus: cqlHost?.gossipStatus,
      stats: cqlHost?.stats,
      liveness: answersByAddress.get(node.address),
      probe: probesByNode.get(node.name),
      vm,
      powerState: vm?.powerState,
    };
  });
}
