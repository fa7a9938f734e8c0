import { stringify } from 'yaml';
import type { GuestVm } from '../../../local/arm-sim/guest-driver.js';

/** One node of a fixture cluster, as the product's planner would place it. */
export interface FixtureNode {
  name: string;
  ip: string;
  dc: string;
  rack: string;
}

/**
 * A cloud-init document following the product's contract (cassandra.yaml, rackdc and
 * /etc/default/cassandra under the Debian package's paths), for driving the guest without the
 * product's renderer. Seeds: the first node of each rack, as the product picks them.
 */
export function renderFixtureCloudInit(clusterName: string, nodes: FixtureNode[], node: FixtureNode): string {
  const seeds = nodes.filter((n, i) => nodes.findIndex((m) => m.dc === n.dc && m.rack === n.rack) === i);
  const cassandraYaml = {
    cluster_name: clusterName,
    num_tokens: 16,
    allocate_tokens_for_local_replication_factor: 3,
    partitioner: 'org.apache.cassandra.dht.Murmur3Partitioner',
    endpoint_snitch: 'GossipingPropertyFileSnitch',
    seed_provider: [{
      class_name: 'org.apache.cassandra.locator.SimpleSeedProvider',
      parameters: [{ seeds: seeds.map((s) => `${s.ip}:7000`).join(',') }],
    }],
    listen_address: node.ip,
    rpc_address: node.ip,
    storage_port: 7000,
    native_transport_port: 9042,
    commitlog_sync: 'periodic',
    commitlog_sync_period: '10000ms',
    data_file_directories: ['/var/lib/cassandra/data'],
    commitlog_directory: '/var/lib/cassandra/commitlog',
    hints_directory: '/var/lib/cassandra/hints',
    saved_caches_directory: '/var/lib/cassandra/saved_caches',
    cdc_raw_directory: '/var/lib/cassandra/cdc_raw',
    disk_failure_policy: 'stop',
    commit_failure_policy: 'stop',
  };
  const document = {
    write_files: [
      { path: '/etc/cassandra/cassandra.yaml', permissions: '0644', content: stringify(cassandraYaml) },
      { path: '/etc/cassandra/cassandra-rackdc.properties', permissions: '0644', content: `dc=${node.dc}\nrack=${node.rack}\n` },
      { path: '/etc/default/cassandra', permissions: '0644', encoding: 'b64',
        content: Buffer.from('export MAX_HEAP_SIZE=8192M\nexport HEAP_NEWSIZE=800M\n').toString('base64') },
    ],
    runcmd: [['systemctl', 'disable', 'cassandra']],
  };
  return Buffer.from(`#cloud-config\n${stringify(document)}`).toString('base64');
}

/** A GuestVm as the simulator would describe it, with the fixture cloud-init as customData. */
export function fixtureVm(clusterName: string, nodes: FixtureNode[], node: FixtureNode): GuestVm {
  const subscriptionId = '00000000-0000-0000-0000-000000000000';
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/rg-${clusterName}/providers/Microsoft.Compute/virtualMachines/${node.name}`,
    name: node.name, subscriptionId, resourceGroup: `rg-${clusterName}`,
    location: node.dc, vmSize: 'Standard_E4s_v5', privateIpAddresses: [node.ip],
    customData: renderFixtureCloudInit(clusterName, nodes, node),
    osDiskDeleteOption: 'Delete', dataDisks: [{ lun: 0, name: `${node.name}-data`, diskSizeGB: 64, deleteOption: 'Delete' }],
  };
}
