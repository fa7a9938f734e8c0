import type { DeploymentNode, DeploymentPlan } from '../deploy/deployment-plan.js';
import type { ClusterSpec } from '../spec/cluster-spec-schema.js';
import { compareReleases, isPatchRelease } from '../upgrade/cassandra-release.js';

/** A node the change adds or removes. */
export interface NodeChange {
  node: string;
  dc: string;
  rack: string;
}

/** A setting the change applies, and how. */
export interface SettingChange {
  /** JSON path in the spec. */
  path: string;
  from: unknown;
  to: unknown;
}

/** A part of the change the product will not make, and why. */
export interface RefusedChange {
  path: string;
  reason: string;
}

/** What applying a new spec to a running cluster would do, without doing any of it. */
export interface ClusterChangePlan {
  nodesAdded: NodeChange[];
  nodesRemoved: NodeChange[];
  datacentersAdded: string[];
  datacentersRemoved: string[];
  /** Keyspaces whose replication changes (a keyspace new to the spec is created: `from` is absent). */
  replication: { keyspace: string; from?: Record<string, number>; to: Record<string, number> }[];
  /** Keyspaces the new spec leaves out: no longer managed, never dropped (the product does not delete data). */
  keyspacesUnmanaged: string[];
  /** Settings a node reads at start: applied by a rolling restart. */
  rollingRestart: SettingChange[];
  /** Settings applied without touching a node (schedules, tags, access rules). */
  inPlace: SettingChange[];
  refused: RefusedChange[];
  /** True when the spec asks for nothing the cluster does not already have. */
  unchanged: boolean;
}

/** Settings whose change the product refuses, with why: each is fixed once nodes hold data, or not yet changeable in place. */
const FIXED: readonly [string, (s: ClusterSpec) => unknown, string][] = [
  ['$.cluster.name', (s) => s.cluster.name, 'a cluster\'s name names every Azure resource it owns; deploy a new cluster instead'],
  ['$.cluster.cassandraClusterName', (s) => s.cluster.cassandraClusterName ?? s.cluster.name,
    'Cassandra refuses to start a node whose cluster_name differs from what its system tables hold'],
  ['$.cluster.numTokens', (s) => s.cluster.numTokens, 'num_tokens is fixed once a node owns token ranges; add a datacenter with the new value and move to it'],
  ['$.azure.subscriptionId', (s) => s.azure.subscriptionId, 'a cluster does not move between subscriptions'],
  ['$.azure.resourceGroup', (s) => s.azure.resourceGroup, 'resources do not move between resource groups'],
  ['$.azure.vmSize', (s) => s.azure.vmSize, 'resizing running VMs is not supported yet; add a datacenter of the new size and move to it'],
  ['$.azure.dataDisk', (s) => s.azure.dataDisk, 'a data disk that holds SSTables is not changed in place'],
  ['$.azure.osImage', (s) => s.azure.osImage, 'running VMs are not reimaged'],
  ['$.azure.adminUsername', (s) => s.azure.adminUsername, 'the VMs\' admin user is set when they are created'],
  ['$.azure.sshPublicKey', (s) => s.azure.sshPublicKey, 'the VMs\' SSH key is set when they are created'],
  ['$.network.interRegionLink', (s) => s.network.interRegionLink, 'the link between regions carries the cluster\'s traffic; it is not swapped under it'],
];

/** Settings each node reads when Cassandra starts (the release is sorted by versionChange). */
const RESTART: readonly [string, (s: ClusterSpec) => unknown][] = [
  ['$.cluster.jvm', (s) => s.cluster.jvm],
  ['$.cluster.authentication', (s) => s.cluster.authentication],
];

/** Settings the product applies without touching a node. */
const IN_PLACE: readonly [string, (s: ClusterSpec) => unknown][] = [
  ['$.cluster.consistencyLevel', (s) => s.cluster.consistencyLevel],
  ['$.cluster.rollingRestart', (s) => s.cluster.rollingRestart],
  ['$.azure.tags', (s) => s.azure.tags],
  ['$.azure.sshAllowedCidrs', (s) => s.azure.sshAllowedCidrs],
  ['$.network.cqlAllowedCidrs', (s) => s.network.cqlAllowedCidrs],
  ['$.network.internalLoadBalancer', (s) => s.network.internalLoadBalancer],
  ['$.schedules', (s) => s.schedules],
  ['$.autopilot', (s) => s.autopilot],
];

/**
 * What moving a running cluster from `current` (its spec and plan) to `next` would do: nodes
 * added and removed per DC and rack, datacenters added and removed, keyspace replication changes,
 * settings applied by a rolling restart or in place, and what is refused with why (a name, token
 * count, region or address space cannot change; a DC may not shrink below a keyspace's replication
 * factor there). Pure: both specs validated and planned by the caller.
 */
export function planClusterChange(current: { spec: ClusterSpec; plan: DeploymentPlan }, next: { spec: ClusterSpec; plan: DeploymentPlan }): ClusterChangePlan {
  const refused: RefusedChange[] = [];
  for (const [path, get, reason] of FIXED) if (!same(get(current.spec), get(next.spec))) refused.push({ path, reason });
  const dcsBefore = new Map(current.spec.datacenters.map((dc) => [dc.name, dc]));
  next.spec.datacenters.forEach((dc, i) => {
    const before = dcsBefore.get(dc.name);
    if (!before) return;
    const at = `$.datacenters[${i}]`;
    if (dc.region !== before.region) refused.push({ path: `${at}.region`, reason: `datacenter ${dc.name}'s nodes run in ${before.region}; add a datacenter in ${dc.region} and move to it` });
    if (!same(dc.network, before.network)) refused.push({ path: `${at}.network`, reason: `datacenter ${dc.name}'s nodes hold their addresses in its VNet; its address space and subnets cannot change` });
    if (dc.racks !== before.racks) refused.push({ path: `${at}.racks`, reason: `datacenter ${dc.name}'s nodes keep the rack they joined in; its rack count cannot change` });
    if (!same(dc.placement, before.placement)) refused.push({ path: `${at}.placement`, reason: `datacenter ${dc.name}'s racks stay where they were placed` });
    if ((dc.vmSize ?? null) !== (before.vmSize ?? null)) refused.push({ path: `${at}.vmSize`, reason: 'resizing running VMs is not supported yet' });
    if ((dc.resourceGroup ?? null) !== (before.resourceGroup ?? null)) refused.push({ path: `${at}.resourceGroup`, reason: 'resources do not move between resource groups' });
  });

  const names = (nodes: readonly DeploymentNode[]) => new Map(nodes.map((n) => [n.name, n]));
  const before = names(current.plan.nodes);
  const after = names(next.plan.nodes);
  const change = (n: DeploymentNode): NodeChange => ({ node: n.name, dc: n.dc, rack: n.rack });
  const nodesAdded = next.plan.nodes.filter((n) => !before.has(n.name)).map(change);
  const nodesRemoved = current.plan.nodes.filter((n) => !after.has(n.name)).map(change);
  refused.push(...refuseBelowReplication(current.spec, next.spec, next.plan));
  refused.push(...refuseStrandedReplicas(current.spec, next.spec));

  const replicationBefore = new Map(current.spec.keyspaces.map((k) => [k.name, k.replication]));
  const replication = next.spec.keyspaces.filter((k) => !same(replicationBefore.get(k.name), k.replication))
    .map((k) => ({ keyspace: k.name, ...(replicationBefore.has(k.name) ? { from: replicationBefore.get(k.name)! } : {}), to: k.replication }));
  const keyspacesUnmanaged = current.spec.keyspaces.filter((k) => !next.spec.keyspaces.some((n) => n.name === k.name)).map((k) => k.name);
  const settings = (rules: readonly [string, (s: ClusterSpec) => unknown][]) => rules
    .filter(([, get]) => !same(get(current.spec), get(next.spec))).map(([path, get]) => ({ path, from: get(current.spec), to: get(next.spec) }));
  const version = versionChange(current.spec.cluster.cassandraVersion, next.spec.cluster.cassandraVersion);
  const rollingRestart = [...settings(RESTART), ...version.restart];
  const inPlace = [...settings(IN_PLACE), ...version.inPlace];
  refused.push(...version.refused);
  const datacentersAdded = next.spec.datacenters.filter((dc) => !dcsBefore.has(dc.name)).map((dc) => dc.name);
  const datacentersRemoved = current.spec.datacenters.filter((dc) => !next.spec.datacenters.some((n) => n.name === dc.name)).map((dc) => dc.name);
  if (datacentersRemoved.length > 0 && current.spec.network.interRegionLink === 'vpnGateway') {
    // Retiring a DC deletes its peerings and groups; the VPN connections of the DCs that stay would be left pointing at its gateway.
    refused.push({ path: '$.datacenters', reason: `datacenter ${datacentersRemoved.join(', ')} is linked by VPN gateways, and retiring a datacenter `
      + 'does not remove VPN connections yet; only datacenters linked by peering can leave' });
  }
  const unchanged = refused.length === 0 && nodesAdded.length === 0 && nodesRemoved.length === 0 && replication.length === 0
    && keyspacesUnmanaged.length === 0 && rollingRestart.length === 0 && inPlace.length === 0;
  return { nodesAdded, nodesRemoved, datacentersAdded, datacentersRemoved, replication, keyspacesUnmanaged, rollingRestart, inPlace, refused, unchanged };
}

const VERSION_PATH = '$.cluster.cassandraVersion';

/**
 * How a release change is applied: a newer patch release by a rolling upgrade; the series (`5.0`)
 * in place (the nodes keep what they run, and nodes created later take the newest); an older
 * patch release is refused, since a node that wrote with a release is not taken back.
 */
function versionChange(from: string, to: string): { restart: SettingChange[]; inPlace: SettingChange[]; refused: RefusedChange[] } {
  const none = { restart: [], inPlace: [], refused: [] };
  if (from === to) return none;
  if (!isPatchRelease(to)) return { ...none, inPlace: [{ path: VERSION_PATH, from, to }] };
  if (isPatchRelease(from) && compareReleases(to, from) < 0) {
    return { ...none, refused: [{ path: VERSION_PATH, reason: `the nodes run Cassandra ${from}; a rolling upgrade only moves to a newer release, never back` }] };
  }
  return { ...none, restart: [{ path: VERSION_PATH, from, to }] };
}

/**
 * A datacenter may not keep fewer nodes than a keyspace's replication factor there, counting the
 * factor the keyspace has now when the new spec keeps it, and the new one otherwise: a node
 * decommissioned below it would leave replicas with nowhere to go.
 */
function refuseBelowReplication(current: ClusterSpec, next: ClusterSpec, nextPlan: DeploymentPlan): RefusedChange[] {
  return next.datacenters.flatMap((dc, i) => {
    const left = nextPlan.nodes.filter((n) => n.dc === dc.name).length;
    const factors = current.keyspaces.map((k) => ({ name: k.name,
      factor: next.keyspaces.find((n) => n.name === k.name)?.replication[dc.name] ?? k.replication[dc.name] ?? 0 }));
    const over = factors.filter((k) => k.factor > left);
    return over.length === 0 ? [] : [{ path: `$.datacenters[${i}].nodes`, reason: `datacenter ${dc.name} would keep ${left} node(s), fewer than `
      + `${over.map((k) => `keyspace ${k.name}'s replication factor ${k.factor}`).join(', ')} there; lower the replication first` }];
  });
}

/**
 * A datacenter is removed only after the keyspaces' replication leaves it, which the update does
 * for the keyspaces the new spec manages: one it leaves out would keep replicas there with no node left.
 */
function refuseStrandedReplicas(current: ClusterSpec, next: ClusterSpec): RefusedChange[] {
  const removed = current.datacenters.filter((dc) => !next.datacenters.some((n) => n.name === dc.name)).map((dc) => dc.name);
  return current.keyspaces.filter((k) => !next.keyspaces.some((n) => n.name === k.name))
    .flatMap((k) => removed.filter((dc) => (k.replication[dc] ?? 0) > 0).map((dc) => ({ path: '$.keyspaces',
      reason: `keyspace ${k.name} replicates to datacenter ${dc}, which the spec removes, but the spec no longer manages it: keep it, without ${dc} in its replication` })));
}

/** Deep equality of JSON values (key order aside). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)]));
  }
  return value ?? null;
}
