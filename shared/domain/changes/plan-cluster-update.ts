import type { DeploymentNode, DeploymentPlan } from '../deploy/deployment-plan.js';
import type { PeeringPlan } from '../topology/cluster-plan.js';
import type { ClusterChangePlan, RefusedChange } from './plan-cluster-change.js';

/** What the update operation does, in the order it does it. */
export interface ClusterUpdatePlan {
  /**
   * Nodes that keep running, restarted one at a time with the new start-up settings (heap) or
   * release, before any node is added (an upgrade alone skips the nodes already at its release).
   */
  restart: DeploymentNode[];
  /** The patch release the restart installs on each node first, when the spec's release changed. */
  upgradeTo?: string;
  /**
   * False when the restart only upgrades (no start-up settings to write, and the nodes already on
   * the release are skipped); absent in inputs recorded before upgrades existed, which always wrote them.
   */
  restartSettings?: boolean;
  /** New nodes: created in parallel, then joined one at a time in this order (bootstrapping, except in a new DC). */
  add: DeploymentNode[];
  /** Datacenters added: their network and peerings are created, their nodes join without bootstrap. */
  datacenters: string[];
  /** The new datacenters' nodes, rebuilt one at a time from `sourceDc` once replication reaches them. */
  rebuild: { nodes: DeploymentNode[]; sourceDc: string };
  /** Nodes that keep running but gave ranges to the new ones: `nodetool cleanup` one at a time, in join order. */
  cleanup: DeploymentNode[];
  /** Nodes decommissioned one at a time, in this order (last joined first), each then deleted with its NIC and disks. */
  remove: DeploymentNode[];
  /**
   * A removed datacenter: its name, the system keyspaces' replication while its nodes leave (it
   * keeps the DC: Cassandra refuses to drop a DC with live nodes from system_auth), and what it
   * leaves once they are gone: the peerings to and from it, and the resource groups only it used.
   */
  retire: { datacenters: string[]; systemReplicationWhileLeaving: Record<string, number>; peerings: PeeringPlan[];
    resourceGroups: { name: string; location: string }[] };
  /**
   * Replication to set: the spec's keyspaces changed, or the system keyspaces' factor follows the
   * DC's size (at most 3), which must drop before a decommission Cassandra would otherwise refuse.
   */
  keyspaces: boolean;
  /** NSG rules or tags changed: the network is applied again (every call is create-or-update). */
  network: boolean;
}

/** Settings read at start that an update rolls out node by node (an authentication scheme needs more than a restart). */
const ROLLED_OUT = new Set(['$.cluster.jvm', '$.cluster.cassandraVersion']);

/** In-place settings the update applies to the network resources; the others live only in the cluster's record. */
const NETWORK_SETTINGS = new Set(['$.azure.tags', '$.azure.sshAllowedCidrs', '$.network.cqlAllowedCidrs']);

/**
 * How many nodes of each DC booted with the cluster (took planned tokens): the next plan of a
 * running cluster keeps them, so every node it adds bootstraps and lets Cassandra allocate tokens.
 */
export function initialNodesOf(plan: DeploymentPlan): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(plan.datacenters.map((dc) => [dc.name, 0]));
  for (const node of plan.nodes) if (node.initial) counts[node.dc] = (counts[node.dc] ?? 0) + 1;
  return counts;
}

/**
 * Parts of a change the update operation does not make yet, with why: the plan preview still
 * shows them, and the update is refused whole rather than applied in part.
 */
export function unsupportedChanges(change: ClusterChangePlan): RefusedChange[] {
  return [
    ...change.rollingRestart.filter((s) => !ROLLED_OUT.has(s.path))
      .map((s) => ({ path: s.path, reason: 'this setting is not rolled out by an update yet; keep the current value' })),
    ...change.inPlace.filter((s) => s.path === '$.network.internalLoadBalancer')
      .map((s) => ({ path: s.path, reason: 'the internal load balancer is not added to or removed from a running cluster yet' })),
  ];
}

/**
 * The steps of moving `current` to `next` (both plans of the same cluster, `next` made with
 * initialNodesOf(current) and every refusal already answered): nodes only in `next` are added,
 * nodes only in `current` removed, and the nodes of a DC that grows are cleaned up after the
 * joins, as are those of a DC where a keyspace's replication factor drops (each then holds
 * replicas it no longer owns). A DC's nodes are numbered from 0 and a count change adds or removes the highest
 * numbers, which sit on racks round-robin: the racks stay balanced either way. Pure.
 */
export function planClusterUpdate(current: DeploymentPlan, next: DeploymentPlan, change: ClusterChangePlan): ClusterUpdatePlan {
  const before = new Set(current.nodes.map((n) => n.name));
  const after = new Set(next.nodes.map((n) => n.name));
  const add = next.nodes.filter((n) => !before.has(n.name)).sort((a, b) => a.joinOrder - b.joinOrder);
  const lowered = change.replication.flatMap((k) => Object.entries(k.from ?? {}).filter(([dc, rf]) => (k.to[dc] ?? 0) < rf).map(([dc]) => dc));
  const grown = new Set([...add.map((n) => n.dc), ...lowered]);
  const cleanup = current.nodes.filter((n) => after.has(n.name) && grown.has(n.dc)).sort((a, b) => a.joinOrder - b.joinOrder);
  const remove = current.nodes.filter((n) => !after.has(n.name)).sort((a, b) => b.joinOrder - a.joinOrder);
  const systemChanged = JSON.stringify(Object.entries(current.systemReplication).sort())
    !== JSON.stringify(Object.entries(next.systemReplication).sort());
  const added = new Set(change.datacentersAdded);
  const rebuild = { nodes: add.filter((n) => added.has(n.dc)), sourceDc: current.datacenters[0]?.name ?? '' };
  const rolled = change.rollingRestart.some((s) => ROLLED_OUT.has(s.path));
  const upgradeTo = change.rollingRestart.find((s) => s.path === '$.cluster.cassandraVersion')?.to as string | undefined;
  const restartSettings = change.rollingRestart.some((s) => s.path === '$.cluster.jvm');
  const restart = rolled ? current.nodes.filter((n) => after.has(n.name)).sort((a, b) => a.joinOrder - b.joinOrder) : [];
  const removedDcs = new Set(change.datacentersRemoved);
  const kept = new Set(next.resourceGroups.map((g) => g.name.toLowerCase()));
  const whileLeaving = { ...next.systemReplication, ...Object.fromEntries(Object.entries(current.systemReplication).filter(([dc]) => removedDcs.has(dc))) };
  const retire = { datacenters: change.datacentersRemoved, systemReplicationWhileLeaving: whileLeaving, peerings: current.peerings.filter((p) => removedDcs.has(p.fromDc) || removedDcs.has(p.toDc)),
    resourceGroups: current.datacenters.filter((dc) => removedDcs.has(dc.name) && !kept.has(dc.resourceGroup.toLowerCase()))
      .map((dc) => ({ name: dc.resourceGroup, location: dc.location }))
      .filter((g, i, all) => all.findIndex((o) => o.name.toLowerCase() === g.name.toLowerCase()) === i) };
  return { restart, ...(upgradeTo ? { upgradeTo } : {}), restartSettings, add, datacenters: change.datacentersAdded, rebuild, cleanup, remove, retire, keyspaces: change.replication.length > 0 || systemChanged,
    network: added.size > 0 || change.inPlace.some((s) => NETWORK_SETTINGS.has(s.path)) };
}
