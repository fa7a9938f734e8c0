import { appendFileSync, chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NODE_PREPARED_MARKER } from '../../shared/domain/render/render-prepare-node-script.js';
import { CASSANDRA_VERSION } from './cassandra-home.js';
import type { CloudInitFile } from './read-cloud-init.js';
import { CASSANDRA_VM_PATHS, mapGuestPaths, resolveNodePath } from './map-guest-paths.js';

/**
 * JVM options the guest adds to every node (docs/cassandra-guests.md lists them). The properties
 * only shorten waits Cassandra makes for real networks: ring delay 30 s → 5 s (bootstrap, token
 * allocation on a new cluster, replace), no 8 s gossip settling before CQL opens, superuser setup
 * 10 s → 1 s. The flags size the JVM for many nodes sharing two cores: the C1 compiler only, one
 * compiler thread and one GC thread of each kind. Six nodes starting at once reached CQL in 28 s
 * instead of 47 s, with 54 s of CPU instead of 92 s.
 */
export const GUEST_JVM_OPTIONS = [
  '-Dcassandra.ring_delay_ms=5000',
  '-Dcassandra.skip_wait_for_gossip_to_settle=0',
  '-Dcassandra.superuser_setup_delay_ms=1000',
  '-XX:TieredStopAtLevel=1',
  '-XX:CICompilerCount=1',
  '-XX:ParallelGCThreads=1',
  '-XX:ConcGCThreads=1',
] as const;

/** What a node directory is prepared from. */
export interface GuestNodeSpec {
  nodeDir: string;
  cassandraHome: string;
  /** The releases cache the guest's apt-get installs from; absent when the guests run one fixed CASSANDRA_HOME. */
  releasesDir?: string;
  jmxPort: number;
  maxHeapSizeMb: number;
  jvmOptions: readonly string[];
  files: CloudInitFile[];
}

const NODE_DIRS = ['etc/cassandra', 'etc/default', 'usr/sbin', 'var/lib/cassandra/data', 'var/lib/cassandra/commitlog',
  'var/lib/cassandra/hints', 'var/lib/cassandra/saved_caches', 'var/lib/cassandra/cdc_raw', 'var/log/cassandra', 'run'];

/** Paths outside the Cassandra directories that cloud-init wrote: scripts may refer to them too. */
export function extraWrittenPaths(files: CloudInitFile[]): string[] {
  return files.map((f) => f.path).filter((p) => !CASSANDRA_VM_PATHS.some((dir) => p === dir || p.startsWith(`${dir}/`)));
}

/** The package's default configuration, as /etc/cassandra holds it before cloud-init writes. */
function copyDefaultConf(cassandraHome: string, confDir: string, jmxPort: number): void {
  const homeConf = join(cassandraHome, 'conf');
  for (const name of readdirSync(homeConf, { withFileTypes: true })) {
    if (name.isFile()) copyFileSync(join(homeConf, name.name), join(confDir, name.name));
  }
  // An official tarball's cassandra-env.sh fixes JMX_PORT="7199"; each local node needs its own.
  // An install laid out from Maven Central jars has none: the guest gets the line the package's
  // copy is read for (the repair stop script looks the port up there, as on a VM).
  const envScript = join(confDir, 'cassandra-env.sh');
  const env = existsSync(envScript) ? readFileSync(envScript, 'utf8') : 'JMX_PORT="7199"\n';
  writeFileSync(envScript, env.replace(/^JMX_PORT=.*$/m, `JMX_PORT="${jmxPort}"`));
}

// Checked before each write: the path comes from a VM's customData, and neither it nor a symlink
// already in the node directory may send the write outside.
function writeCloudInitFile(nodeDir: string, file: CloudInitFile, extraPaths: string[]): void {
  const target = resolveNodePath(nodeDir, file.path);
  mkdirSync(dirname(target), { recursive: true });
  const content = mapGuestPaths(file.content, nodeDir, extraPaths);
  if (file.append) appendFileSync(target, content);
  else writeFileSync(target, content);
  if (file.permissions) chmodSync(target, parseInt(file.permissions, 8));
}

function renderGuestEnv(spec: GuestNodeSpec): string {
  const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
  return [
    `CASSANDRA_HOME=${quote(spec.cassandraHome)}`,
    `GUEST_CASSANDRA_RELEASES=${quote(spec.releasesDir ?? '')}`,
    `GUEST_PINNED_RELEASE=${CASSANDRA_VERSION}`,
    `JMX_PORT=${spec.jmxPort}`,
    `GUEST_MAX_HEAP_MB=${spec.maxHeapSizeMb}`,
    `GUEST_JVM_OPTS=${quote(spec.jvmOptions.join(' '))}`,
    '',
  ].join('\n');
}

/**
 * Prepares (or refreshes) a VM's node directory: the Debian layout under `nodeDir`, the package's
 * default configuration, then the files the product's cloud-init writes, with /etc/cassandra,
 * /var/lib/cassandra and /var/log/cassandra mapped into the node directory, and the marker the
 * product's preparation script writes last. Existing data is kept, so preparing again after a
 * simulator restart is safe.
 */
export function prepareGuestNode(spec: GuestNodeSpec): void {
  for (const dir of NODE_DIRS) mkdirSync(join(spec.nodeDir, dir), { recursive: true });
  copyDefaultConf(spec.cassandraHome, join(spec.nodeDir, 'etc/cassandra'), spec.jmxPort);
  const extraPaths = extraWrittenPaths(spec.files);
  for (const file of spec.files) writeCloudInitFile(spec.nodeDir, file, extraPaths);
  writeFileSync(join(spec.nodeDir, 'guest.env'), renderGuestEnv(spec));
  // runcmd is not run (it installs what the guest already has); leave what it leaves on success.
  const marker = resolveNodePath(spec.nodeDir, NODE_PREPARED_MARKER);
  mkdirSync(dirname(marker), { recursive: true });
  writeFileSync(marker, '');
}
