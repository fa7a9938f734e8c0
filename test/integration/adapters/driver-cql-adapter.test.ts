import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CassandraGuestDriver } from '../../../local/cassandra/cassandra-guest-driver.js';
import type { GuestVm } from '../../../local/arm-sim/guest-driver.js';
import { waitForPort } from '../../../local/net/find-free-port.js';
import { DriverCqlAdapter } from '../../../shared/adapters/cql/driver-cql-adapter.js';
import { quoteIdentifier, withCqlSession } from '../../../shared/adapters/cql/cql-session.js';
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
