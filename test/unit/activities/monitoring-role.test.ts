import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { createClusterActivities } from '../../../shared/activities/cluster-activities.js';
import { createHealthActivities } from '../../../shared/activities/health-activities.js';
import { MONITORING_ROLE, SUPERUSER_ROLE } from '../../../shared/activities/with-cluster-session.js';
import { InMemoryCql } from '../../../shared/adapters/memory/in-memory-cql.js';
import { InMemorySecretStore } from '../../../shared/adapters/memory/in-memory-secret-store.js';
import { ACTIVITIES } from '../../../shared/contracts/names.js';
import type { ClusterRef } from '../../../shared/domain/deploy/deployment-plan.js';
import { clusterSecretNames, monitoringSecretName, superuserSecretName } from '../../../shared/domain/ports/secret-store.js';
import { PER_DC_SYSTEM_KEYSPACES } from '../../../shared/domain/topology/plan-topology.js';
import { FAKE_CA, seedClusterCa } from '../../support/cluster-ca-fixture.js';

const cluster: ClusterRef = { clusterName: 'orders', cassandraClusterName: 'orders', authentication: true };
const nodes = [{ address: '127.1.1.4', dc: 'dc1', rack: 'rack1' }];
const contact = { dc: 'dc1', contactPoints: ['127.1.1.4'] };
const healthNode = { name: 'orders-dc1-001', datacenter: 'dc1', rack: 'rack1', address: '127.1.1.4', vmName: 'vm', resourceGroup: 'rg' };

/** A new cluster with its CA stored (the deployment's preparation), hardened. */
async function hardened() {
  const secrets = new InMemorySecretStore();
  await seedClusterCa(secrets, 'orders');
  const cql = new InMemoryCql('orders', nodes);
  await cql.withSession({ contactPoints: contact.contactPoints, localDataCenter: 'dc1', credentials: { username: 'cassandra', password: 'cassandra' },
    trustedCaPem: FAKE_CA.certPem }, (s) => s.ensureKeyspaces(PER_DC_SYSTEM_KEYSPACES.map((name) => ({ name, replication: { dc1: 1 } }))));
  const deps = { secrets, cql } as unknown as ActivityDeps;
  const result = await createClusterActivities(deps).hardenAuth({ cluster, contact, systemReplication: { dc1: 1 } });
  assert.deepEqual(result, { ok: true, value: undefined });
  return { secrets, cql, deps };
}

describe('the monitoring role', () => {
  it('is created at hardening with its own generated password, stored before use, apart from the superuser\'s', async () => {
    const { secrets, cql } = await hardened();
    const monitoring = await secrets.getSecret(monitoringSecretName('orders'));
    const superuser = await secrets.getSecret(superuserSecretName('orders'));
    assert.ok(monitoring && superuser && monitoring !== superuser);
    await cql.withSession({ contactPoints: contact.contactPoints, localDataCenter: 'dc1', trustedCaPem: FAKE_CA.certPem,
      credentials: { username: MONITORING_ROLE, password: monitoring } }, async () => undefined);
  });

  it('is the login of the health check\'s CQL view, never the superuser', async () => {
    const { cql, deps } = await hardened();
    cql.logins.length = 0;
    const view = await createHealthActivities(deps)[ACTIVITIES.probeCqlView]({ cluster: 'orders', nodes: [healthNode] });
    assert.equal(view.reachable, true);
    assert.deepEqual(cql.logins, [MONITORING_ROLE]);
    assert.ok(!cql.logins.includes(SUPERUSER_ROLE));
  });

  it('goes with the cluster\'s other secrets when the cluster is deleted', async () => {
    const { secrets, deps } = await hardened();
    await createClusterActivities(deps).deleteClusterSecrets({ clusterName: 'orders' });
    for (const name of clusterSecretNames('orders')) assert.equal(await secrets.getSecret(name), undefined, name);
  });
});
