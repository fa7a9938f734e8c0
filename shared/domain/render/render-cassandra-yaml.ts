import { Scalar, stringify } from 'yaml';
import type { ClusterPlan, NodePlan } from '../topology/cluster-plan.js';

/** Where the Debian package reads cassandra.yaml. */
export const CASSANDRA_YAML_PATH = '/etc/cassandra/cassandra.yaml';
/** The data disk's mount point; every Cassandra directory lives under it. */
export const CASSANDRA_DATA_ROOT = '/var/lib/cassandra';
const STORAGE_PORT = 7000;

/**
 * Renders cassandra.yaml (Cassandra 5.0 key names and value forms) for one node, emitted with a
 * YAML library. Seeds are the seeds of every DC, so a new DC finds the existing ring; token
 * allocation targets the largest replication factor asked of the node's DC (3 when none is).
 */
export function renderCassandraYaml(plan: ClusterPlan, node: NodePlan): string {
  const auth = plan.authentication;
  const config = {
    cluster_name: quoted(plan.cassandraClusterName),
    num_tokens: plan.numTokens,
    allocate_tokens_for_local_replication_factor: localReplicationFactor(plan, node.dc),
    partitioner: 'org.apache.cassandra.dht.Murmur3Partitioner',
    seed_provider: [{
      class_name: 'org.apache.cassandra.locator.SimpleSeedProvider',
      parameters: [{ seeds: quoted(seedAddresses(plan).map((ip) => `${ip}:${STORAGE_PORT}`).join(',')) }],
    }],
    listen_address: node.privateIp,
    rpc_address: node.privateIp,
    storage_port: STORAGE_PORT,
    native_transport_port: 9042,
    start_native_transport: true,
    endpoint_snitch: 'GossipingPropertyFileSnitch',
    authenticator: { class_name: auth ? 'org.apache.cassandra.auth.PasswordAuthenticator' : 'org.apache.cassandra.auth.AllowAllAuthenticator' },
    authorizer: { class_name: auth ? 'org.apache.cassandra.auth.CassandraAuthorizer' : 'org.apache.cassandra.auth.AllowAllAuthorizer' },
    role_manager: { class_name: 'org.apache.cassandra.auth.CassandraRoleManager' },
    network_authorizer: { class_name: 'org.apache.cassandra.auth.AllowAllNetworkAuthorizer' },
    data_file_directories: [`${CASSANDRA_DATA_ROOT}/data`],
    commitlog_directory: `${CASSANDRA_DATA_ROOT}/commitlog`,
    hints_directory: `${CASSANDRA_DATA_ROOT}/hints`,
    saved_caches_directory: `${CASSANDRA_DATA_ROOT}/saved_caches`,
    cdc_raw_directory: `${CASSANDRA_DATA_ROOT}/cdc_raw`,
    commitlog_sync: 'periodic',
    commitlog_sync_period: '10000ms',
    // Stop the node rather than serve from a failing disk: the health checks replace it.
    disk_failure_policy: 'stop',
    commit_failure_policy: 'stop',
    // Links between regions are the slow, metered ones: compress only those.
    internode_compression: 'dc',
    hinted_handoff_enabled: true,
    max_hint_window: '3h',
    auto_snapshot: true,
  };
  // Cassandra reads YAML 1.1 (SnakeYAML): emitting 1.1 quotes strings such as "yes" or "on".
  return `# Written by Cassandra Autopilot for ${node.name}; changes are overwritten.\n${stringify(config, { version: '1.1', lineWidth: 0 })}`;
}

/** IPs of every seed in the cluster, DC by DC. */
export function seedAddresses(plan: ClusterPlan): string[] {
  return plan.datacenters.flatMap((dc) => dc.nodes.filter((n) => n.isSeed).map((n) => n.privateIp));
}

function quoted(value: string): Scalar<string> {
  const scalar = new Scalar(value);
  scalar.type = 'QUOTE_DOUBLE';
  return scalar;
}

function localReplicationFactor(plan: ClusterPlan, dc: string): number {
  const nodes = plan.datacenters.find((d) => d.name === dc)?.nodes.length ?? 1;
  const asked = plan.keyspaces.map((k) => k.replication[dc] ?? 0);
  const factor = Math.max(0, ...asked) || 3;
  return Math.max(1, Math.min(factor, nodes));
}
