import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { renderCassandraYaml } from '../../../../shared/domain/render/render-cassandra-yaml.js';
import { FIRST_BOOT_MODES } from '../../../../shared/domain/deploy/first-boot-mode.js';
import { azureSpec, localSpec, readExample } from '../spec-fixtures.js';
import { CASSANDRA_50_CONFIG_KEYS } from './cassandra-config-keys.js';
import { planOf } from './render-fixtures.js';

type Yaml = Record<string, unknown> & {
  seed_provider: { class_name: string; parameters: { seeds: string }[] }[];
  authenticator: { class_name: string };
  authorizer: { class_name: string };
};

function parsed(text: string): Yaml {
  return parse(text, { version: '1.1' }) as Yaml;
}

describe('renderCassandraYaml', () => {
  it('uses only keys Cassandra 5.0 knows, for every node of every example', () => {
    for (const [file, target] of [['local-single-dc.json', 'local'], ['local-two-dc.json', 'local'], ['azure-two-region.json', 'azure']] as const) {
      const plan = planOf(readExample(file), target);
      for (const node of plan.datacenters.flatMap((dc) => dc.nodes)) {
        for (const mode of FIRST_BOOT_MODES) {
          const unknown = Object.keys(parsed(renderCassandraYaml(plan, node, mode))).filter((key) => !CASSANDRA_50_CONFIG_KEYS.has(key));
          assert.deepEqual(unknown, [], `${file} ${node.name} ${mode}`);
        }
      }
    }
  });

  it('sets the contract values: snitch, addresses, seeds of every DC, directories, tokens, auth', () => {
    const plan = planOf(localSpec());
    const node = plan.datacenters[1]!.nodes[2]!;
    const yaml = parsed(renderCassandraYaml(plan, node, 'ordered'));
    assert.equal(yaml.endpoint_snitch, 'GossipingPropertyFileSnitch');
    assert.equal(yaml.listen_address, '127.2.1.6');
    assert.equal(yaml.rpc_address, '127.2.1.6');
    assert.equal(yaml.seed_provider[0]!.class_name, 'org.apache.cassandra.locator.SimpleSeedProvider');
    assert.equal(yaml.seed_provider[0]!.parameters[0]!.seeds, '127.1.1.4:7000,127.1.1.5:7000,127.1.1.6:7000,127.2.1.4:7000,127.2.1.5:7000,127.2.1.6:7000');
    assert.deepEqual(yaml.data_file_directories, ['/var/lib/cassandra/data']);
    assert.equal(yaml.commitlog_directory, '/var/lib/cassandra/commitlog');
    assert.equal(yaml.hints_directory, '/var/lib/cassandra/hints');
    assert.equal(yaml.saved_caches_directory, '/var/lib/cassandra/saved_caches');
    assert.equal(yaml.cdc_raw_directory, '/var/lib/cassandra/cdc_raw');
    assert.equal(yaml.num_tokens, 16);
    assert.equal(yaml.allocate_tokens_for_local_replication_factor, 3);
    assert.equal(yaml.authenticator.class_name, 'org.apache.cassandra.auth.PasswordAuthenticator');
    assert.equal(yaml.authorizer.class_name, 'org.apache.cassandra.auth.CassandraAuthorizer');
    assert.equal(yaml.cluster_name, 'demo');
  });

  const cases = [
    { name: 'authentication off', change: (s: ReturnType<typeof localSpec>) => { s.cluster.authentication = { enabled: false }; }, key: 'authenticator', expected: { class_name: 'org.apache.cassandra.auth.AllowAllAuthenticator' } },
    { name: 'num_tokens from the spec', change: (s: ReturnType<typeof localSpec>) => { s.cluster.numTokens = 8; }, key: 'num_tokens', expected: 8 },
    { name: 'token allocation for the DC\'s largest RF', change: (s: ReturnType<typeof localSpec>) => { s.keyspaces = [{ name: 'a', replication: { dc1: 2 } }, { name: 'b', replication: { dc1: 1, dc2: 3 } }]; }, key: 'allocate_tokens_for_local_replication_factor', expected: 2 },
    { name: 'token allocation capped by the DC size', change: (s: ReturnType<typeof localSpec>) => { s.keyspaces = []; s.datacenters[0]!.nodes = 2; s.datacenters[0]!.racks = 2; }, key: 'allocate_tokens_for_local_replication_factor', expected: 2 },
    { name: 'a YAML-1.1-ambiguous cluster name stays a string', change: (s: ReturnType<typeof localSpec>) => { s.cluster.cassandraClusterName = 'yes'; }, key: 'cluster_name', expected: 'yes' },
  ];
  for (const c of cases) {
    it(`renders ${c.name}`, () => {
      const spec = localSpec();
      c.change(spec);
      const plan = planOf(spec);
      assert.deepEqual(parsed(renderCassandraYaml(plan, plan.datacenters[0]!.nodes[0]!, 'ordered'))[c.key], c.expected);
    });
  }

  it('uses private Azure addresses for Azure plans', () => {
    const plan = planOf(azureSpec(), 'azure');
    assert.equal(parsed(renderCassandraYaml(plan, plan.datacenters[0]!.nodes[0]!, 'ordered')).listen_address, '10.1.1.4');
  });
});
