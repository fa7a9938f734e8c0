import type { ClusterPlan } from '../topology/cluster-plan.js';
import { isPatchRelease, seriesOf } from '../upgrade/cassandra-release.js';
import { CASSANDRA_DATA_ROOT } from './render-cassandra-yaml.js';
import { MOUNT_DATA_DISK_SCRIPT_PATH } from './render-mount-data-disk-script.js';
import { TLS_DIRECTORY } from './render-tls-settings.js';

/** Where cloud-init writes the node preparation script on the VM. */
export const PREPARE_NODE_SCRIPT_PATH = '/usr/local/sbin/autopilot-prepare-node';
/** Written last: the orchestrator waits for it before it starts Cassandra through Run Command. */
export const NODE_PREPARED_MARKER = '/var/lib/cassandra-autopilot/node-prepared';

/** The Apache Cassandra Debian repository and the key that signs it. */
const APT_REPOSITORY = 'https://debian.cassandra.apache.org';
const APT_KEYS_URL = 'https://downloads.apache.org/cassandra/KEYS';
const APT_KEYRING = '/etc/apt/keyrings/apache-cassandra.asc';

/**
 * Renders the script cloud-init runs once: mount the data disk first (so /var/lib/cassandra lands
 * on it), install Cassandra from the Apache Debian repository of the plan's release series (the
 * plan's patch release when it pins one, else the series' newest) while
 * a policy-rc.d forbids starting it, keep the configuration cloud-init already wrote
 * (--force-confold), disable the service so only the orchestrator starts it, hand the data
 * directories and the TLS files to the cassandra user, and leave a marker. `set -e` stops at the first failure, so
 * the marker means every step succeeded.
 */
export function renderPrepareNodeScript(plan: ClusterPlan): string {
  const series = `${seriesOf(plan.cassandraVersion).replace('.', '')}x`;
  const cassandraPackage = isPatchRelease(plan.cassandraVersion) ? `cassandra=${plan.cassandraVersion}` : 'cassandra';
  const directories = ['data', 'commitlog', 'hints', 'saved_caches', 'cdc_raw'].map((d) => `${CASSANDRA_DATA_ROOT}/${d}`).join(' ');
  return [
    '#!/bin/sh',
    '# Written by Cassandra Autopilot: installs Cassandra and leaves it stopped for the orchestrator.',
    'set -eu',
    MOUNT_DATA_DISK_SCRIPT_PATH,
    'install -d -m 0755 /etc/apt/keyrings',
    `curl -fsSL --retry 5 -o ${APT_KEYRING} ${APT_KEYS_URL}`,
    `echo "deb [signed-by=${APT_KEYRING}] ${APT_REPOSITORY} ${series} main" > /etc/apt/sources.list.d/cassandra.sources.list`,
    '# invoke-rc.d honours exit 101 ("action forbidden"): the package installs without starting.',
    "printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d",
    'chmod 0755 /usr/sbin/policy-rc.d',
    'apt-get update -q',
    '# The JDK, not the JRE: stopping a timed-out repair runs a one-file JMX client with `java File.java`.',
    `DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Options::=--force-confold openjdk-17-jdk-headless ${cassandraPackage}`,
    // A pinned release is held, so that no unattended upgrade moves the node off the spec's release.
    ...(isPatchRelease(plan.cassandraVersion) ? ['apt-mark hold cassandra'] : []),
    'rm -f /usr/sbin/policy-rc.d',
    'systemctl disable cassandra 2>/dev/null || update-rc.d cassandra disable',
    `install -d -o cassandra -g cassandra -m 0750 ${directories}`,
    `chown -R cassandra:cassandra ${CASSANDRA_DATA_ROOT}`,
    // cloud-init wrote the TLS files as root before the package made the cassandra user.
    `chown -R cassandra:cassandra ${TLS_DIRECTORY}`,
    `chmod 0700 ${TLS_DIRECTORY}`,
    `install -d -m 0755 ${NODE_PREPARED_MARKER.slice(0, NODE_PREPARED_MARKER.lastIndexOf('/'))}`,
    `touch ${NODE_PREPARED_MARKER}`,
    '',
  ].join('\n');
}
