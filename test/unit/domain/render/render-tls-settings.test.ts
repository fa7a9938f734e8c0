import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { validSpecFixture } from '../../../support/deployment-plan-fixture.js';
import { planTopology } from '../../../../shared/domain/topology/plan-topology.js';
import { renderCloudInit } from '../../../../shared/domain/render/render-cloud-init.js';
import { renderCassandraYaml } from '../../../../shared/domain/render/render-cassandra-yaml.js';
import { renderPrepareNodeScript } from '../../../../shared/domain/render/render-prepare-node-script.js';
import { CA_CERT_PATH, NODE_KEYSTORE_PATH, TLS_DIRECTORY, type NodeTlsFiles } from '../../../../shared/domain/render/render-tls-settings.js';

const plan = planTopology(validSpecFixture(2, 3));
const nodes = plan.datacenters.flatMap((dc) => dc.nodes);
const TLS: NodeTlsFiles = {
  caCertPem: '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n',
  nodeKeyPem: '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n',
  nodeCertPem: '-----BEGIN CERTIFICATE-----\nNODE\n-----END CERTIFICATE-----\n',
};
const PEM_FACTORY = { class_name: 'org.apache.cassandra.security.PEMBasedSslContextFactory' };

type WriteFile = { path: string; content: string; permissions: string };
const filesOf = (cloudInit: string) => new Map((parse(cloudInit) as { write_files: WriteFile[] }).write_files.map((f) => [f.path, f]));

test('every node, in every boot mode, encrypts internode traffic to every peer with mutual TLS and takes CQL over TLS only', () => {
  for (const node of nodes) {
    for (const mode of ['parallel', 'ordered'] as const) {
      const yaml = parse(renderCassandraYaml(plan, node, mode)) as Record<string, Record<string, unknown>>;
      assert.deepEqual(yaml.server_encryption_options, {
        internode_encryption: 'all', optional: false, ssl_context_factory: PEM_FACTORY,
        keystore: NODE_KEYSTORE_PATH, truststore: CA_CERT_PATH, outbound_keystore: NODE_KEYSTORE_PATH,
        require_client_auth: true, require_endpoint_verification: false,
      }, `${node.name} ${mode}`);
      assert.deepEqual(yaml.client_encryption_options, {
        enabled: true, optional: false, ssl_context_factory: PEM_FACTORY,
        keystore: NODE_KEYSTORE_PATH, truststore: CA_CERT_PATH, require_client_auth: false,
      }, `${node.name} ${mode}`);
    }
  }
});

test('cassandra.yaml names the TLS files but holds no key, certificate or password (and no YAML alias)', () => {
  const yaml = renderCassandraYaml(plan, nodes[0]!, 'parallel');
  assert.doesNotMatch(yaml, /BEGIN|keystore_password|truststore_password|private_key/);
  assert.doesNotMatch(yaml, /[&*]a\d/);
});

test('cloud-init writes the CA certificate and the node\'s PEM keystore (key first, then its chain), the key owner-only', () => {
  const files = filesOf(renderCloudInit(plan, nodes[1]!, 'parallel', {}, TLS));
  assert.deepEqual({ ...files.get(CA_CERT_PATH), path: undefined }, { path: undefined, content: TLS.caCertPem, permissions: '0644', owner: 'root:root' });
  const keystore = files.get(NODE_KEYSTORE_PATH)!;
  assert.equal(keystore.permissions, '0600');
  assert.equal(keystore.content, `${TLS.nodeKeyPem}${TLS.nodeCertPem}${TLS.caCertPem}`);
  assert.ok(keystore.path.startsWith(`${TLS_DIRECTORY}/`) && CA_CERT_PATH.startsWith(`${TLS_DIRECTORY}/`));
});

test('without TLS material (a preview) cloud-init writes no TLS file; with it, nothing else changes', () => {
  const without = filesOf(renderCloudInit(plan, nodes[0]!, 'parallel'));
  const withTls = filesOf(renderCloudInit(plan, nodes[0]!, 'parallel', {}, TLS));
  assert.ok(!without.has(CA_CERT_PATH) && !without.has(NODE_KEYSTORE_PATH));
  assert.deepEqual([...withTls.keys()].filter((p) => !p.startsWith(`${TLS_DIRECTORY}/`)), [...without.keys()]);
});

test('the preparation script hands the TLS directory to Cassandra\'s user once the package has made it, and closes it to others', () => {
  const script = renderPrepareNodeScript(plan).split('\n');
  const install = script.findIndex((line) => line.includes('apt-get install'));
  const chown = script.indexOf(`chown -R cassandra:cassandra ${TLS_DIRECTORY}`);
  assert.ok(install >= 0 && chown > install, 'after the package created the cassandra user');
  assert.ok(script.indexOf(`chmod 0700 ${TLS_DIRECTORY}`) > install);
});
