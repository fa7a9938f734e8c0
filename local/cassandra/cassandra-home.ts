import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The Cassandra release the local stack runs: the newest 5.0.x on Maven Central when pinned. */
export const CASSANDRA_VERSION = '5.0.9';

/**
 * The release before it, installed beside it so that a cluster can be deployed at it and
 * upgraded by a rolling restart (the guests' apt-get installs either).
 */
export const PREVIOUS_CASSANDRA_VERSION = '5.0.8';

/** Every release the local stack installs, oldest first. */
export const LOCAL_CASSANDRA_RELEASES = [PREVIOUS_CASSANDRA_VERSION, CASSANDRA_VERSION] as const;

/** Name of the file whose content (the version) marks a finished install. */
export const INSTALL_MARKER = '.installed-version';

/**
 * Where installs are cached: `$CASSANDRA_AUTOPILOT_CACHE`, else `~/.cache/cassandra-autopilot`.
 * Outside the git tree so that clean checkouts and CI caches reuse one download.
 */
export function cassandraCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CASSANDRA_AUTOPILOT_CACHE || join(homedir(), '.cache', 'cassandra-autopilot');
}

/** The install directory of a release in the cache: `apache-cassandra-<version>`. */
export function releaseCassandraHome(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(cassandraCacheDir(env), `apache-cassandra-${version}`);
}

/** The install directory for the pinned version; a new pin gets a new directory. */
export function pinnedCassandraHome(env: NodeJS.ProcessEnv = process.env): string {
  return releaseCassandraHome(CASSANDRA_VERSION, env);
}

/** True when `home` holds a finished install of `version` (default: the pinned one) made by install-cassandra. */
export function isInstallComplete(home: string, version: string = CASSANDRA_VERSION): boolean {
  const marker = join(home, INSTALL_MARKER);
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === version;
}

/** True when `home` looks like a Cassandra binary layout: bin/cassandra, bin/nodetool, conf/, lib/. */
export function isCassandraLayout(home: string): boolean {
  return ['bin/cassandra', 'bin/nodetool', 'conf', 'lib'].every((p) => existsSync(join(home, p)));
}

/**
 * The Cassandra the guests run: `$CASSANDRA_HOME` (e.g. an unpacked official tarball) when set,
 * else the pinned install in the cache.
 * @throws Error naming CASSANDRA_HOME when it is set but not a Cassandra layout, or telling to run
 *   `npm run cassandra:install` when the pinned install is missing.
 */
export function resolveCassandraHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CASSANDRA_HOME;
  if (fromEnv) {
    if (!isCassandraLayout(fromEnv)) {
      throw new Error(`CASSANDRA_HOME=${fromEnv} is not a Cassandra install: it needs bin/cassandra, bin/nodetool, conf/ and lib/`);
    }
    return fromEnv;
  }
  const home = pinnedCassandraHome(env);
  if (!isInstallComplete(home)) {
    throw new Error(`Cassandra ${CASSANDRA_VERSION} is not installed in ${home}: run \`npm run cassandra:install\``);
  }
  return home;
}
