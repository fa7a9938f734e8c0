#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CASSANDRA_VERSION, INSTALL_MARKER, LOCAL_CASSANDRA_RELEASES, cassandraCacheDir, isCassandraLayout, isInstallComplete, releaseCassandraHome,
} from './cassandra-home.js';

// The launchers and configuration files live beside this module's source (local/cassandra/).
const sourceDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'local', 'cassandra');
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/** A POM whose only dependency is cassandra-all: Maven then resolves the server's runtime closure. */
function renderWrapperPom(version: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.cassandra-autopilot</groupId>
  <artifactId>cassandra-runtime</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.cassandra</groupId>
      <artifactId>cassandra-all</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`;
}

/** Copies cassandra-all and its compile+runtime dependencies into `libDir` with Maven. */
function fetchJars(version: string, buildDir: string, libDir: string): void {
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(join(buildDir, 'pom.xml'), renderWrapperPom(version));
  execFileSync('mvn', ['-B', '-q', '-f', join(buildDir, 'pom.xml'), `${DEPENDENCY_PLUGIN}:copy-dependencies`,
    '-DincludeScope=runtime', `-DoutputDirectory=${libDir}`], { stdio: ['ignore', 2, 2] });
  // The official tarball drops the Windows TLS native library; so do we.
  for (const name of readdirSync(libDir)) if (name.includes('windows-x86_64')) rmSync(join(libDir, name));
}

/** conf/hotspot_compiler is generated into the main jar at build time; the tarball extracts it. */
function extractHotspotCompiler(version: string, libDir: string, confDir: string): void {
  const jar = join(libDir, `cassandra-all-${version}.jar`);
  try {
    writeFileSync(join(confDir, 'hotspot_compiler'), execFileSync('unzip', ['-p', jar, 'META-INF/hotspot_compiler'], { maxBuffer: 1 << 20 }));
  } catch {
    // No unzip on this machine: the JDK's jar tool extracts into the working directory instead.
    execFileSync('jar', ['xf', jar, 'META-INF/hotspot_compiler'], { cwd: confDir });
    renameSync(join(confDir, 'META-INF', 'hotspot_compiler'), join(confDir, 'hotspot_compiler'));
    rmSync(join(confDir, 'META-INF'), { recursive: true, force: true });
  }
}

/** A digest of the launchers and configuration files, so an install picks up changes to them. */
function layoutDigest(): string {
  const hash = createHash('sha256');
  for (const sub of ['scripts', 'conf']) {
    for (const name of readdirSync(join(sourceDir, sub)).sort()) hash.update(`${sub}/${name}\0`).update(readFileSync(join(sourceDir, sub, name)));
  }
  return hash.digest('hex');
}

const LAYOUT_MARKER = '.layout-digest';

/** Lays bin/ and conf/ out beside lib/ the way the binary distribution does. */
function layOut(version: string, stagingDir: string): void {
  for (const sub of ['bin', 'conf']) mkdirSync(join(stagingDir, sub), { recursive: true });
  for (const name of readdirSync(join(sourceDir, 'scripts'))) {
    copyFileSync(join(sourceDir, 'scripts', name), join(stagingDir, 'bin', name));
    chmodSync(join(stagingDir, 'bin', name), 0o755);
  }
  for (const name of readdirSync(join(sourceDir, 'conf'))) {
    copyFileSync(join(sourceDir, 'conf', name), join(stagingDir, 'conf', name));
  }
  extractHotspotCompiler(version, join(stagingDir, 'lib'), join(stagingDir, 'conf'));
}

/**
 * Installs one release into the cache (or reuses it) and returns its home. The install is staged
 * and renamed into place, so an interrupted run leaves no half install.
 */
function installRelease(version: string, env: NodeJS.ProcessEnv): string {
  const home = releaseCassandraHome(version, env);
  const digest = layoutDigest();
  if (isInstallComplete(home, version)) {
    // The jars are there; refresh bin/ and conf/ when this checkout's launchers changed.
    const marker = join(home, LAYOUT_MARKER);
    if (!existsSync(marker) || readFileSync(marker, 'utf8') !== digest) {
      layOut(version, home);
      writeFileSync(marker, digest);
    }
    return home;
  }
  const staging = `${home}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  console.error(`[cassandra] fetching Apache Cassandra ${version} and its dependencies with Maven`);
  fetchJars(version, join(cassandraCacheDir(env), `maven-${version}`), join(staging, 'lib'));
  layOut(version, staging);
  writeFileSync(join(staging, LAYOUT_MARKER), digest);
  writeFileSync(join(staging, INSTALL_MARKER), `${version}\n`);
  rmSync(home, { recursive: true, force: true });
  renameSync(staging, home);
  return home;
}

/**
 * Installs every local release (the pinned one and the one before it, for upgrades) into the
 * cache, or reuses them, and returns the pinned one's CASSANDRA_HOME. A `CASSANDRA_HOME` in the
 * environment that holds a Cassandra layout is used as is (and is the only release the guests have).
 * @throws Error when Maven fails (its output is on stderr) or CASSANDRA_HOME is not a Cassandra layout.
 */
export function installCassandra(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CASSANDRA_HOME) {
    if (!isCassandraLayout(env.CASSANDRA_HOME)) {
      throw new Error(`CASSANDRA_HOME=${env.CASSANDRA_HOME} is not a Cassandra install: it needs bin/cassandra, bin/nodetool, conf/ and lib/`);
    }
    return env.CASSANDRA_HOME;
  }
  for (const version of LOCAL_CASSANDRA_RELEASES) installRelease(version, env);
  return releaseCassandraHome(CASSANDRA_VERSION, env);
}

function main(args: string[]): void {
  // Installing is always "if missing"; the flag is accepted so callers can say so.
  const unknown = args.filter((a) => a !== '--if-missing');
  if (unknown.length > 0) {
    console.error(`[cassandra] unknown argument ${unknown[0]}; usage: install-cassandra [--if-missing]`);
    process.exitCode = 2;
    return;
  }
  try {
    console.log(installCassandra());
  } catch (error) {
    console.error(`[cassandra] install failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
