import { Scalar, stringify } from 'yaml';
import type { FirstBootMode } from '../deploy/first-boot-mode.js';
import type { ClusterPlan, NodePlan } from '../topology/cluster-plan.js';
import { planNodeTokens } from '../topology/plan-initial-tokens.js';
import { renderTlsSettings } from './render-tls-settings.js';

/** Where the Debian package reads cassandra.yaml. */
export const CASSANDRA_YAML_PATH = '/etc/cassandra/cassandra.yaml';
/** The data disk's mount point; every Cassandra directory lives under it. */
export const CASSANDRA_DATA_ROOT = '/var/lib/cassandra';
/** The internode port: gossip and streaming. */
export const STORAGE_PORT = 7000;

/** How a node's first start differs from a plain join. */
export interface NodeBoot {
  /** A restored cluster's node: the tokens of the backed-up node whose files it loads. */
  restoredTokens?: readonly string[];
  /** A replacement: the address of the dead node whose ranges it streams and takes over (its own, reused). */
  replaceAddress?: string;
  /** A node of a datacenter added to a running cluster: it joins without streaming, and is rebuilt from an existing DC once replication reaches its DC. */
  withoutBootstrap?: boolean;
}

/**
 * Renders cassandra.yaml (Cassandra 5.0 key names and value forms) for one node, emitted with a
 * YAML library. Seeds are the seeds of every DC, so a new DC finds the existing ring; a
 * replacement leaves itself out of them, since a node that finds itself among the seeds does not
 * bootstrap and Cassandra refuses to replace without bootstrapping. See tokenSettings for how the
 * node gets its tokens. Internode and client traffic is TLS only (renderTlsSettings).
 */
export function renderCassandraYaml(plan: ClusterPlan, node: NodePlan, firstBoot: FirstBootMode, boot: NodeBoot = {}): string {
  const seeds = seedAddresses(plan).filter((ip) => !(boot.replaceAddress && ip === node.privateIp));
  const config = {
    cluster_name: quoted(plan.cassandraClusterName),
    num_tokens: plan.numTokens,
    ...tokenSettings(plan, node, firstBoot, boot.restoredTokens),
    ...(boot.withoutBootstrap ? { auto_bootstrap: false } : {}),
    partitioner: 'org.apache.cassandra.dht.Murmur3Partitioner',
    seed_provider: [{
      class_name: 'org.apache.cassandra.locator.SimpleSeedProvider',
      parameters: [{ seeds: quoted(seeds.map((ip) => `${ip}:${STORAGE_PORT}`).join(',')) }],
    }],
    listen_address: node.privateIp,
    rpc_address: node.privateIp,
    storage_port: STORAGE_PORT,
    native_transport_port: 9042,
    start_native_transport: true,
    endpoint_snitch: 'GossipingPropertyFileSnitch',
    ...authSettings(plan.authentication),
    ...renderTlsSettings(),
    ...directorySettings(),
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
    // The snapshot a TRUNCATE or DROP takes (an in-place restore truncates) would hold its table's
    // disk space forever; a week is the window to undo by hand, and the safety backup keeps it longer.
    auto_snapshot_ttl: '7d',
  };
  // Cassandra reads YAML 1.1 (SnakeYAML): emitting 1.1 quotes strings such as "yes" or "on".
  return `# Written by Cassandra Autopilot for ${node.name}; changes are overwritten.\n${stringify(config, { version: '1.1', lineWidth: 0 })}`;
}

/** IPs of every seed in the cluster, DC by DC. */
export function seedAddresses(plan: ClusterPlan): string[] {
  return plan.datacenters.flatMap((dc) => dc.nodes.filter((n) => n.isSeed).map((n) => n.privateIp));
}

/**
 * An initial node booting in parallel gets its planned tokens and skips bootstrap (an empty
 * cluster has nothing to stream). Cassandra reads initial_token only until the node has
 * bootstrapped, then keeps the tokens in system.local, so re-rendering it is a no-op on restart.
 * Every other node bootstraps with tokens allocated for the largest replication factor asked
 * of its DC (3 when none is). A node of a restored cluster boots with the tokens of the node it
 * restores, whatever the boot mode, so each node's backed-up files are its own ranges' data.
 */
function tokenSettings(plan: ClusterPlan, node: NodePlan, firstBoot: FirstBootMode, restoredTokens?: readonly string[]) {
  const tokens = restoredTokens ?? (firstBoot === 'parallel' ? planNodeTokens(plan, node) : undefined);
  if (tokens) return { initial_token: quoted(tokens.join(',')), auto_bootstrap: false };
  return { allocate_tokens_for_local_replication_factor: localReplicationFactor(plan, node.dc) };
}

/** Cassandra 5.0 map form (ParameterizedClass); PasswordAuthenticator needs CassandraRoleManager. */
function authSettings(enabled: boolean) {
  const auth = 'org.apache.cassandra.auth';
  return {
    authenticator: { class_name: `${auth}.${enabled ? 'PasswordAuthenticator' : 'AllowAllAuthenticator'}` },
    authorizer: { class_name: `${auth}.${enabled ? 'CassandraAuthorizer' : 'AllowAllAuthorizer'}` },
    role_manager: { class_name: `${auth}.CassandraRoleManager` },
    network_authorizer: { class_name: `${auth}.AllowAllNetworkAuthorizer` },
  };
}

/** Every directory explicitly under the data disk: unset ones would fall back to cassandra.storagedir. */
function directorySettings() {
  return {
    data_file_directories: [`${CASSANDRA_DATA_ROOT}/data`],
    commitlog_directory: `${CASSANDRA_DATA_ROOT}/commitlog`,
    hints_directory: `${CASSANDRA_DATA_ROOT}/hints`,
    saved_caches_directory: `${CASSANDRA_DATA_ROOT}/saved_caches`,
    cdc_raw_directory: `${CASSANDRA_DATA_ROOT}/cdc_raw`,
  };
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
