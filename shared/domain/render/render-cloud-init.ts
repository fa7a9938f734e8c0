import { stringify } from 'yaml';
import type { FirstBootMode } from '../deploy/first-boot-mode.js';
import type { ClusterPlan, NodePlan } from '../topology/cluster-plan.js';
import { FIRST_BOOT_SCRIPT_PATH, renderFirstBootScript, startsOnFirstBoot } from './render-first-boot-script.js';
import { CASSANDRA_YAML_PATH, renderCassandraYaml, type NodeBoot } from './render-cassandra-yaml.js';
import { JVM_OPTIONS_PATH, renderJvmHeapOptions } from './render-jvm-heap-options.js';
import { MOUNT_DATA_DISK_SCRIPT_PATH, renderMountDataDiskScript } from './render-mount-data-disk-script.js';
import { PREPARE_NODE_SCRIPT_PATH, renderPrepareNodeScript } from './render-prepare-node-script.js';
import { RACKDC_PROPERTIES_PATH, renderRackdcProperties } from './render-rackdc-properties.js';
import { CA_CERT_PATH, NODE_KEYSTORE_PATH, renderNodeKeystore, type NodeTlsFiles } from './render-tls-settings.js';

/**
 * Renders the node's cloud-init document (#cloud-config). write_files carries cassandra.yaml,
 * cassandra-rackdc.properties, /etc/default/cassandra (heap) and two scripts; `packages` adds the
 * XFS tools the disk script needs (cloud-init installs packages before runcmd); runcmd runs the
 * preparation script, which mounts the data disk, installs Cassandra and leaves it stopped; a node
 * of a brand-new cluster booting in parallel also gets the first boot script, run next, which
 * starts it (see startsOnFirstBoot).
 * Emitted as YAML 1.1, the dialect cloud-init reads. The superuser password is set later through
 * Run Command, never through customData; the node's TLS key (`tls`, issued for this VM only) is
 * the one secret here, because Cassandra must have it before its first start, which cloud-init
 * makes: customData is write-only in ARM (never returned by a GET), and the file is 0600 (the
 * preparation script hands it to Cassandra's user). Without `tls` (a preview) the files are left out.
 */
export function renderCloudInit(plan: ClusterPlan, node: NodePlan, firstBoot: FirstBootMode, boot: NodeBoot = {},
  tls?: NodeTlsFiles): string {
  const file = (path: string, content: string, permissions = '0644') => ({ path, content, permissions, owner: 'root:root' });
  const firstBootScript = startsOnFirstBoot(plan, node, firstBoot, boot) ? [FIRST_BOOT_SCRIPT_PATH] : [];
  const document = {
    write_files: [
      file(CASSANDRA_YAML_PATH, renderCassandraYaml(plan, node, firstBoot, boot)),
      file(RACKDC_PROPERTIES_PATH, renderRackdcProperties(node)),
      file(JVM_OPTIONS_PATH, renderJvmHeapOptions(plan, node, boot.replaceAddress)),
      file(MOUNT_DATA_DISK_SCRIPT_PATH, renderMountDataDiskScript(node.dataDiskLun), '0755'),
      file(PREPARE_NODE_SCRIPT_PATH, renderPrepareNodeScript(plan), '0755'),
      ...firstBootScript.map((path) => file(path, renderFirstBootScript(plan, node), '0755')),
      ...(tls ? [file(CA_CERT_PATH, tls.caCertPem), file(NODE_KEYSTORE_PATH, renderNodeKeystore(tls), '0600')] : []),
    ],
    packages: ['xfsprogs', 'curl'],
    runcmd: [PREPARE_NODE_SCRIPT_PATH, ...firstBootScript],
  };
  return `#cloud-config\n${stringify(document, { version: '1.1', lineWidth: 0 })}`;
}
