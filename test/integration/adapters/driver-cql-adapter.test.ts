import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Socket } from 'node:net';
import { connect, type ConnectionOptions } from 'node:tls';
import cassandra from 'cassandra-driver';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CassandraGuestDriver } from '../../../local/cassandra/cassandra-guest-driver.js';
import type { GuestVm } from '../../../local/arm-sim/guest-driver.js';
import { waitForPort } from '../../../local/net/find-free-port.js';
import { DriverCqlAdapter } from '../../../shared/adapters/cql/driver-cql-adapter.js';
import { cqlTlsOptions, quoteIdentifier, withCqlSession } from '../../../shared/adapters/cql/cql-session.js';
import { renderCloudInit } from '../../../shared/domain/render/render-cloud-init.js';
import { localSpecFixture } from '../../support/deployment-plan-fixture.js';
import { planLocalCluster } from '../cassandra/deploy-through-simulator.js';
import { waitFor } from '../../support/wait-for.js';
import { describeCqlContract, type CqlContractSubject } from '../../contract/cql-contract.js';
import { testClusterCa, testNodeTlsFiles } from '../../support/node-tls-fixture.js';

// One real node, on loopback addresses no other suite uses, with the product's own cloud-init
// (PasswordAuthenticator on): the guest driver runs it without the ARM simulator.
const spec = localSpecFixture(1, 1, { name: 'cqlcontract' }) as { cluster: object; datacenters: { network: object }[] };
spec.cluster = { ...spec.cluster, authentication: { enabled: true } };
spec.datacenters[0]!.network = { addressSpace: '127.44.0.0/16', dataSubnet: '127.44.1.0/24', appSubnet: '127.44.2.0/24' };
const plan = planLocalCluster(spec);
const node = plan.datacenters[0]!.nodes[0]!;
const vm: GuestVm = {
  id: '/subscriptions/00000000-0000-0000-0000-0000000000c1/resourceGroups/rg-cql/providers/Microsoft.Compute/virtualMachines/vm-cql',
  name: 'vm-cql', subscriptionId: '00000000-0000-0000-0000-0000000000c1', resourceGroup: 'rg-cql', location: 'eastus', vmSize: 'Standard_B2ms',
  privateIpAddresses: [node.privateIp], customData: Buffer.from(renderCloudInit(plan, node, 'ordered', {}, await testNodeTlsFiles(plan.clusterName, node))).toString('base64'),
  osDiskDeleteOption: 'Delete', dataDisks: [],
};

const rootDir = mkdtempSync(join(tmpdir(), 'cql-contract-'));
const driver = new CassandraGuestDriver({ rootDir });
const cql = new DriverCqlAdapter({ port: 9042, connectTimeoutInMs: 5_000 });
const target = { contactPoints: [node.privateIp], localDataCenter: node.dc, contactPointsOnly: true,
  credentials: { username: 'cassandra', password: 'cassandra' }, trustedCaPem: (await testClusterCa(plan.clusterName)).certPem };
// What an operator or an application does beside the product: plain driver statements.
const table = (keyspace: string, name: string) => `${quoteIdentifier(keyspace)}.${quoteIdentifier(name)}`;
const subject: CqlContractSubject = {
  cql, clusterName: plan.cassandraClusterName, target,
  node: { privateIp: node.privateIp, dc: node.dc, rack: node.rack },
  outside: {
    dropKeyspace: (keyspace) => withCqlSession(target, async (client) => {
      await client.execute(`DROP KEYSPACE IF EXISTS ${quoteIdentifier(keyspace)}`);
    }),
    insertIds: (keyspace, name, ids) => withCqlSession(target, async (client) => {
      await Promise.all(ids.map((id) => client.execute(`INSERT INTO ${table(keyspace, name)} (id) VALUES (?)`, [id], { prepare: true })));
    }),
  },
};

before(async () => {
  await driver.create(vm);
  const started = await driver.runScript(vm, 'systemctl enable --now cassandra');
  if (started.exitCode !== 0) throw new Error(`cassandra did not start: ${started.stderr}`);
  await waitForPort(node.privateIp, 9042, 180_000);
  // The default role is created a moment after CQL opens.
  await waitFor('the default login', 60_000, () => cql.withSession(subject.target, async () => true));
}, { timeout: 240_000 });
after(async () => {
  await driver.close();
  rmSync(rootDir, { recursive: true, force: true });
});

describeCqlContract('DriverCqlAdapter on one Cassandra 5.0 node', () => subject);

/** Opens a TLS connection and answers how it ended: the peer certificate's SAN, or the error's code. */
function tlsHandshake(port: number, options: ConnectionOptions): Promise<{ san?: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host: node.privateIp, port, ...options });
    const done = (result: { san?: string; error?: string }) => { socket.destroy(); resolve(result); };
    socket.setTimeout(10_000, () => done({ error: 'timeout' }));
    // TLS 1.3: a server refusing the client's certificate says so after the client's handshake ends, on the first read.
    socket.once('secureConnect', () => {
      const san = socket.getPeerCertificate().subjectaltname;
      socket.once('data', () => done({ san }));
      socket.once('end', () => done({ error: 'closed by the node after the handshake' }));
      setTimeout(() => done({ san }), 1_500);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
  });
}

/** Sends the first bytes of an internode handshake in plain text; answers whether the node hung up within `withinInMs`. */
function plaintextPeerIsCutOff(withinInMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const timer = setTimeout(() => { socket.destroy(); resolve(false); }, withinInMs);
    const cut = () => { clearTimeout(timer); socket.destroy(); resolve(true); };
    socket.once('close', cut);
    socket.once('error', cut);
    socket.connect(7000, node.privateIp, () => {
      // HandshakeProtocol.Initiate starts with the protocol magic 0xCA552DFA and an int of flags: a plaintext
      // listener waits for the rest of the message; a TLS-only one fails the bytes as a TLS record at once.
      const start = Buffer.alloc(8);
      start.writeInt32BE(0xca552dfa | 0, 0);
      start.writeInt32BE(0, 4);
      socket.write(start);
    });
  });
}

describe('the node takes TLS only, with certificates from the cluster CA', () => {
  const ca = () => testClusterCa(plan.clusterName);

  it('refuses a CQL session in plain text', async () => {
    const client = new cassandra.Client({ contactPoints: [node.privateIp], localDataCenter: node.dc,
      authProvider: new cassandra.auth.PlainTextAuthProvider('cassandra', 'cassandra'), socketOptions: { connectTimeout: 5_000 } });
    const error = await client.connect().then(() => undefined, (e: unknown) => e);
    await client.shutdown();
    assert.ok(error, 'a plaintext session must not connect');
    assert.equal(cql.isLoginRefused(error), false, 'refused before any login');
  });

  it('serves CQL over TLS with a certificate naming its IP, signed by the cluster CA; a client trusting another CA is refused', async () => {
    assert.deepEqual(await tlsHandshake(9042, cqlTlsOptions((await ca()).certPem)), { san: `IP Address:${node.privateIp}` });
    const other = await testClusterCa('some-other-cluster');
    const refused = await tlsHandshake(9042, cqlTlsOptions(other.certPem));
    assert.match(refused.error ?? '', /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER/);
    await assert.rejects(withCqlSession({ ...target, trustedCaPem: other.certPem }, async () => undefined),
      (e: { code?: string }) => e.code === 'CASSOPS_CQL_UNAVAILABLE');
  });

  it('cuts off a peer that starts the internode handshake in plain text on the storage port', async () => {
    assert.equal(await plaintextPeerIsCutOff(5_000), true);
  });

  it('takes an internode TLS peer only with a client certificate from the cluster CA', async () => {
    const trust = { ca: [(await ca()).certPem], rejectUnauthorized: true };
    const peer = await testNodeTlsFiles(plan.clusterName, { name: 'a-peer', privateIp: '127.44.1.99' });
    const stranger = await testNodeTlsFiles('some-other-cluster', { name: 'a-stranger', privateIp: '127.44.1.98' });
    assert.equal((await tlsHandshake(7000, { ...trust, key: peer.nodeKeyPem, cert: peer.nodeCertPem })).error, undefined);
    assert.ok((await tlsHandshake(7000, trust)).error, 'no client certificate');
    assert.ok((await tlsHandshake(7000, { ...trust, key: stranger.nodeKeyPem, cert: stranger.nodeCertPem })).error, 'another CA\'s certificate');
  });
});
