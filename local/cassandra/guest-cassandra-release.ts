import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PREPARE_NODE_SCRIPT_PATH } from '../../shared/domain/render/render-prepare-node-script.js';
import { isInstallComplete, releaseCassandraHome } from './cassandra-home.js';
import type { CloudInitFile } from './read-cloud-init.js';

/**
 * The release the product's preparation script installs (`apt-get install … cassandra=5.0.8`),
 * or undefined when it takes the series' newest. The guest does not run that script: it stands
 * in for the package manager and starts the node on the release asked for.
 */
export function requestedCassandraVersion(files: readonly CloudInitFile[]): string | undefined {
  const script = files.find((f) => f.path === PREPARE_NODE_SCRIPT_PATH);
  return script?.content.match(/\bcassandra=(\d+\.\d+\.\d+)\b/)?.[1];
}

/**
 * The CASSANDRA_HOME a node directory already runs (its guest.env), so that preparing a VM again
 * (after a simulator restart) keeps the release a rolling upgrade installed, as a VM's disk does.
 */
export function installedCassandraHome(nodeDir: string): string | undefined {
  const env = join(nodeDir, 'guest.env');
  if (!existsSync(env)) return undefined;
  return readFileSync(env, 'utf8').match(/^CASSANDRA_HOME='(.*)'$/m)?.[1]?.replace(/'\\''/g, "'");
}

/**
 * The install of `version` in the releases cache.
 * @throws Error naming the version when the local stack has not installed it.
 */
export function cassandraReleaseHome(version: string, releasesDir: string): string {
  const home = releaseCassandraHome(version, { CASSANDRA_AUTOPILOT_CACHE: releasesDir });
  if (!isInstallComplete(home, version)) {
    throw new Error(`cloud-init installs Cassandra ${version}, which the local stack has not installed in ${releasesDir} (run \`npm run cassandra:install\`)`);
  }
  return home;
}
