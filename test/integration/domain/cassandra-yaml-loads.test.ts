// Loads the rendered cassandra.yaml of every example node with Cassandra 5.0's own configuration
// loader (the real jars, one JVM for all files), which rejects unknown keys, old/new key pairs
// and malformed durations or sizes: the same check a node runs when it starts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FIRST_BOOT_MODES } from '../../../shared/domain/deploy/first-boot-mode.js';
import { renderCassandraYaml } from '../../../shared/domain/render/render-cassandra-yaml.js';
import { validateClusterSpec } from '../../../shared/domain/spec/validate-cluster-spec.js';
import { planTopology } from '../../../shared/domain/topology/plan-topology.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** $CASSANDRA_HOME, else the newest 5.0 install the local stack's installer cached. */
function findCassandraLib(): string | undefined {
  const homes = process.env.CASSANDRA_HOME ? [process.env.CASSANDRA_HOME] : [];
  const cache = process.env.CASSANDRA_AUTOPILOT_CACHE || join(homedir(), '.cache', 'cassandra-autopilot');
  if (existsSync(cache)) {
    homes.push(...readdirSync(cache).filter((name) => /^apache-cassandra-5\.0\.\d+$/.test(name)).sort().reverse().map((name) => join(cache, name)));
  }
  return homes.map((home) => join(home, 'lib')).find((lib) => existsSync(lib) && readdirSync(lib).some((name) => name.startsWith('cassandra-all-')));
}

describe('rendered cassandra.yaml against Cassandra 5.0', () => {
  const lib = findCassandraLib();
  it('loads with Cassandra\'s YamlConfigurationLoader for every node of every example', { skip: lib ? false : 'Cassandra 5.0 is not installed (npm run build, then the local stack installer)', timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'autopilot-yaml-'));
    try {
      const expected: string[] = [];
      for (const [file, target] of [['local-single-dc.json', 'local'], ['local-two-dc.json', 'local'], ['azure-two-region.json', 'azure']] as const) {
        const result = validateClusterSpec(JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')), { target });
        assert.ok(result.ok);
        const plan = planTopology(result.spec);
        for (const [node, mode] of plan.datacenters.flatMap((dc) => dc.nodes).flatMap((n) => FIRST_BOOT_MODES.map((m) => [n, m] as const))) {
          const path = join(dir, `${node.name}-${mode}.yaml`);
          writeFileSync(path, renderCassandraYaml(plan, node, mode));
          expected.push(`${path}|${plan.cassandraClusterName}|GossipingPropertyFileSnitch|${plan.numTokens}|org.apache.cassandra.auth.PasswordAuthenticator`);
        }
      }
      const source = join(root, 'test', 'fixtures', 'java', 'LoadCassandraYaml.java');
      const files = expected.map((line) => line.split('|')[0]!);
      const output = execFileSync('java', ['-cp', `${lib}/*`, source, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const lines = output.split('\n').filter((line) => line.startsWith(dir));
      assert.equal(lines.length, expected.length);
      lines.forEach((line, i) => assert.ok(line.startsWith(expected[i]!), `${line} should start with ${expected[i]}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
