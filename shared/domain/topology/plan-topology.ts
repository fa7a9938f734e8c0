import type { ClusterSpec } from '../spec/cluster-spec-schema.js';
import type { ClusterPlan, DatacenterPlan, KeyspacePlan, NodePlan } from './cluster-plan.js';
import { planDatacenter } from './plan-datacenter.js';
import { planPeerings, planVpnConnections } from './plan-links.js';
import { CLUSTER_TAG } from './azure-names.js';

export type * from './cluster-plan.js';

/** Keyspaces Cassandra creates with SimpleStrategy that must be replicated per DC instead (and so are repaired too). */
export const PER_DC_SYSTEM_KEYSPACES: readonly string[] = ['system_auth', 'system_distributed', 'system_traces'];

/** The product's own keyspace: the smoke test's probe rows, written by every deployment (a restored cluster's too), never backed up. */
export const SMOKE_KEYSPACE = 'autopilot_smoke';

/** What the planner must know beyond the spec. */
export interface PlanTopologyOptions {
  /**
   * Nodes per DC at the cluster's first boot. Absent for a brand-new cluster: every planned node
   * is initial. A cluster that already runs passes what it booted with, so later nodes (and DCs,
   * absent here) bootstrap while the first ones keep their tokens.
   */
  initialNodes?: Readonly<Record<string, number>>;
}

/**
 * Turns a validated spec into the plan of Azure resources and Cassandra nodes. Pure and
 * deterministic: the same spec always gives the same plan, and growing a DC's node count only
 * appends nodes. Expects a spec that passed validateClusterSpec (it throws on bad addresses).
 */
export function planTopology(spec: ClusterSpec, options: PlanTopologyOptions = {}): ClusterPlan {
  const initialOf = (dc: ClusterSpec['datacenters'][number]) => (options.initialNodes ? options.initialNodes[dc.name] ?? 0 : dc.nodes);
  const datacenters = assignJoinOrder(spec.datacenters.map((dc) => planDatacenter(spec, dc, initialOf(dc))));
  const cluster = spec.cluster.name;
  const peered = spec.network.interRegionLink === 'globalVnetPeering';
  return {
    planVersion: 1,
    clusterName: cluster,
    cassandraClusterName: spec.cluster.cassandraClusterName ?? cluster,
    cassandraVersion: spec.cluster.cassandraVersion,
    numTokens: spec.cluster.numTokens,
    consistencyLevel: spec.cluster.consistencyLevel,
    authentication: spec.cluster.authentication.enabled,
    jvm: { ...spec.cluster.jvm },
    subscriptionId: spec.azure.subscriptionId,
    tags: { ...spec.azure.tags, [CLUSTER_TAG]: cluster },
    vm: {
      adminUsername: spec.azure.adminUsername,
      ...(spec.azure.sshPublicKey === undefined ? {} : { sshPublicKey: spec.azure.sshPublicKey }),
      osImage: { ...spec.azure.osImage },
      dataDisk: { ...spec.azure.dataDisk },
    },
    interRegionLink: spec.network.interRegionLink,
    datacenters,
    peerings: peered ? planPeerings(cluster, datacenters) : [],
    vpnConnections: peered ? [] : planVpnConnections(cluster, datacenters),
    joinOrder: sortByJoinOrder(datacenters.flatMap((dc) => dc.nodes)).map((node) => node.name),
    keyspaces: spec.keyspaces.map((k) => ({ name: k.name, replication: { ...k.replication }, durableWrites: k.durableWrites })),
    systemKeyspaces: planSystemKeyspaces(datacenters),
    schedules: {
      health: spec.schedules.health.schedule,
      repair: spec.schedules.repair.schedule,
      snapshot: spec.schedules.snapshot.schedule,
      snapshotRetentionDays: spec.schedules.snapshot.retentionDays,
    },
    warnings: [...datacenters.flatMap(sharedFailureDomainWarnings), ...replicasSharingRacks(spec, datacenters)],
  };
}

/**
 * Seeds of every DC join first, then each DC's other nodes in ordinal order, which alternates
 * racks (ordinal k is on rack k mod racks), so token allocation sees balanced racks as it goes.
 */
function assignJoinOrder(datacenters: DatacenterPlan[]): DatacenterPlan[] {
  const ordered = [
    ...datacenters.flatMap((dc) => dc.nodes.filter((node) => node.isSeed)),
    ...datacenters.flatMap((dc) => dc.nodes.filter((node) => !node.isSeed)),
  ];
  const position = new Map(ordered.map((node, i) => [node.name, i]));
  return datacenters.map((dc) => ({ ...dc, nodes: dc.nodes.map((node) => ({ ...node, joinOrder: position.get(node.name) ?? -1 })) }));
}

function sortByJoinOrder(nodes: NodePlan[]): NodePlan[] {
  return [...nodes].sort((a, b) => a.joinOrder - b.joinOrder);
}

function planSystemKeyspaces(datacenters: DatacenterPlan[]): KeyspacePlan[] {
  const replication = Object.fromEntries(datacenters.map((dc) => [dc.name, Math.min(3, dc.nodes.length)]));
  return PER_DC_SYSTEM_KEYSPACES.map((name) => ({ name, replication: { ...replication }, durableWrites: true }));
}

/** With fewer racks than replicas, NetworkTopologyStrategy must put two replicas on one rack. */
function replicasSharingRacks(spec: ClusterSpec, datacenters: DatacenterPlan[]): string[] {
  return spec.keyspaces.flatMap((keyspace) => Object.entries(keyspace.replication).flatMap(([dcName, factor]) => {
    const racks = datacenters.find((dc) => dc.name === dcName)?.racks.length ?? factor;
    return factor > racks ? [`keyspace ${keyspace.name}: ${factor} replicas in datacenter ${dcName} but only ${racks} racks, so some replicas share a rack`] : [];
  }));
}

function sharedFailureDomainWarnings(dc: DatacenterPlan): string[] {
  const byRack = dc.placement.mode === 'zones' ? dc.placement.zonesByRack : dc.placement.faultDomainsByRack;
  const domain = dc.placement.mode === 'zones' ? 'zone' : 'fault domain';
  const firstRackOf = new Map<string, string>();
  return Object.entries(byRack).flatMap(([rack, value]) => {
    const first = firstRackOf.get(String(value));
    if (first === undefined) {
      firstRackOf.set(String(value), rack);
      return [];
    }
    return [`datacenter ${dc.name}: ${rack} shares ${domain} ${value} with ${first}, so losing that ${domain} takes out both racks`];
  });
}
