import type { CqlView, ManagedNode } from './health-views.js';
import type { NodeHealth } from './health-report.js';
import type { DraftFinding } from './evaluate-node-findings.js';

/**
 * Schema agreement among the hosts the driver sees up: more than one `schema_version` means
 * a schema change has not reached everyone (or a node is stuck on an old one).
 */
export function evaluateSchemaAgreement(cql: CqlView): DraftFinding[] {
  if (!cql.reachable) return [];
  const byVersion = new Map<string, string[]>();
  for (const host of cql.hosts) {
    if (!host.up || !host.schemaVersion) continue;
    const group = byVersion.get(host.schemaVersion);
    if (group) group.push(host.address); else byVersion.set(host.schemaVersion, [host.address]);
  }
  if (byVersion.size <= 1) return [];
  const groups = [...byVersion.entries()].map(([version, hosts]) => `${version}: ${hosts.join(', ')}`).join('; ');
  return [{ code: 'schema-disagreement', severity: 'warning',
    message: `Live nodes disagree on the schema (${byVersion.size} versions: ${groups}).`,
    action: 'Wait a minute and check again; if it persists, compare with `nodetool describecluster` and run `nodetool resetlocalschema` on the node in the minority. Make no schema changes meanwhile.' }];
}

/**
 * Whether each DC still has a quorum of replicas for every token range at the assumed RF.
 * With NetworkTopologyStrategy and at least RF racks, each range has one replica per rack, so
 * down nodes in one rack cost each range at most one replica: quorum is lost once down nodes
 * span more racks than RF − quorum. With fewer racks than RF the placement is unknown here, so
 * any more than RF − quorum down nodes may already cost some range its quorum.
 */
export function evaluateDcQuorum(nodes: ManagedNode[], health: NodeHealth[], replicationFactor: number): DraftFinding[] {
  const quorum = Math.floor(replicationFactor / 2) + 1;
  const tolerated = replicationFactor - quorum;
  const stateByNode = new Map(health.map((h) => [h.node, h.state]));
  const findings: DraftFinding[] = [];
  for (const [datacenter, members] of groupBy(nodes, (n) => n.datacenter)) {
    const down = members.filter((n) => stateByNode.get(n.name) === 'down');
    if (down.length === 0) continue;
    const racks = new Set(members.map((n) => n.rack));
    const downRacks = new Set(down.map((n) => n.rack));
    const lost = racks.size >= replicationFactor ? downRacks.size > tolerated : down.length > tolerated;
    if (!lost) continue;
    findings.push({ code: 'dc-quorum-lost', severity: 'critical', datacenter,
      message: `Datacenter ${datacenter} has ${down.length} of ${members.length} nodes down (${down.map((n) => n.name).join(', ')}) across ${downRacks.size} rack(s): QUORUM and LOCAL_QUORUM at RF ${replicationFactor} fail for some token ranges.`,
      action: `Bring one of ${down.map((n) => n.name).join(', ')} back first; do not replace or decommission nodes in ${datacenter} until quorum is back.` });
  }
  return findings;
}

/**
 * Hosts the cluster reports that the product does not manage (e.g. a replaced node's old
 * address still in gossip).
 */
export function evaluateUnknownHosts(nodes: ManagedNode[], cql: CqlView): DraftFinding[] {
  const known = new Set(nodes.map((n) => n.address));
  return cql.hosts.filter((h) => !known.has(h.address)).map((h) => ({
    code: 'unknown-node' as const, severity: 'warning' as const, datacenter: h.datacenter,
    message: `The cluster lists ${h.address} (${h.datacenter}/${h.rack}, ${h.up ? 'up' : 'down'}) which this product does not manage.`,
    action: h.up ? 'Find out who added it; remove it with `nodetool decommission` on that node if it does not belong.'
      : `If it is a replaced node's old address, remove it with \`nodetool removenode ${h.hostId ?? '<host-id>'}\` (\`nodetool assassinate\` only as a last resort).`,
  }));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item); else groups.set(key(item), [item]);
  }
  return groups;
}
