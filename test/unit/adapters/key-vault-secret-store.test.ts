import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KeyVaultSecretStore } from '../../../shared/adapters/secrets/key-vault-secret-store.js';
import { createClusterActivities } from '../../../shared/activities/cluster-activities.js';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { InMemoryCql } from '../../../shared/adapters/memory/in-memory-cql.js';
import { SUPERUSER_ROLE } from '../../../shared/activities/with-cluster-session.js';
import { clusterCaSecretNames, monitoringSecretName, superuserSecretName } from '../../../shared/domain/ports/secret-store.js';
import { FAKE_CA, seedClusterCa } from '../../support/cluster-ca-fixture.js';
import { PER_DC_SYSTEM_KEYSPACES } from '../../../shared/domain/topology/plan-topology.js';
import type { ClusterRef } from '../../../shared/domain/deploy/deployment-plan.js';
import { describeSecretStoreContract } from '../../contract/secret-store-contract.js';
import { restError, SoftDeletingSecretClient } from '../../support/soft-deleting-secret-client.js';

const noWait = { sleep: async () => undefined };
const vault = () => {
  const client = new SoftDeletingSecretClient();
  return { client, store: new KeyVaultSecretStore(client, noWait) };
};

const contract = vault();
describeSecretStoreContract('KeyVaultSecretStore on a soft-deleting fake of Key Vault', () => contract.store);

describe('KeyVaultSecretStore: names of soft-deleted secrets (soft delete and purge protection on)', () => {
  it('a set on a deleted name recovers it and writes the new value as a new version', async () => {
    const { client, store } = vault();
    await store.setSecret('orders-cassandra-superuser', 'old');
    await store.deleteSecret('orders-cassandra-superuser');
    assert.equal(await store.getSecret('orders-cassandra-superuser'), undefined, 'a deleted secret reads as missing');
    await store.setSecret('orders-cassandra-superuser', 'new');
    assert.equal(await store.getSecret('orders-cassandra-superuser'), 'new');
    assert.deepEqual(client.recovered, ['orders-cassandra-superuser']);
    assert.deepEqual(client.entries.get('orders-cassandra-superuser')?.versions, ['old', 'new']);
  });

  it('waits out a recovery Key Vault still reports in flight after its poller finished', async () => {
    const { client, store } = vault();
    let waits = 0;
    const patient = new KeyVaultSecretStore(client, { sleep: async () => { waits++; }, retryDelayInMs: 1 });
    await store.setSecret('s1', 'old');
    await store.deleteSecret('s1');
    client.setsSeeingRecovery = 2;
    await patient.setSecret('s1', 'new');
    assert.equal(await store.getSecret('s1'), 'new');
    assert.equal(waits, 2);
  });

  it('waits out a delete still in flight, then recovers', async () => {
    const { client } = vault();
    await client.setSecret('s2', 'old');
    await client.beginDeleteSecret('s2'); // as the old store did: the poller never awaited
    const store = new KeyVaultSecretStore(client, { sleep: async () => client.finishDeletes() });
    await store.setSecret('s2', 'new');
    assert.equal(await store.getSecret('s2'), 'new');
  });

  it('deletes wait for Key Vault, so the name is deleted (not being deleted) when delete returns', async () => {
    const { client, store } = vault();
    await store.setSecret('s3', 'v');
    await store.deleteSecret('s3');
    assert.equal(client.entries.get('s3')?.state, 'deleted');
  });

  it('gives up after its attempts with CASSOPS_SECRET_STORE_FAILED, retryable, naming the secret and not its value', async () => {
    const { client } = vault();
    await client.setSecret('s4', 'old');
    await client.beginDeleteSecret('s4');
    const store = new KeyVaultSecretStore(client, { ...noWait, maxAttempts: 3 });
    await assert.rejects(store.setSecret('s4', 'hunter2'), (e: Error & { code?: string; retryable?: boolean }) =>
      e.code === 'CASSOPS_SECRET_STORE_FAILED' && e.retryable === true && /'s4'/.test(e.message) && !/hunter2/.test(e.message));
  });

  it('does not retry what is not a name conflict (a 403, another 409)', async () => {
    for (const error of [restError(403, 'Forbidden', 'Caller is not authorized to perform action on resource.'),
      restError(409, 'Conflict', 'Some other conflict.')]) {
      const { client, store } = vault();
      let calls = 0;
      client.failWith = error;
      const counting = new KeyVaultSecretStore(client, { sleep: async () => { calls++; } });
      await assert.rejects(counting.setSecret('s5', 'v'), { code: 'CASSOPS_SECRET_STORE_FAILED' });
      await assert.rejects(store.getSecret('s5'), { code: 'CASSOPS_SECRET_STORE_FAILED' });
      assert.equal(calls, 0);
    }
  });
});

describe('a cluster re-created under a deleted cluster\'s name hardens on Key Vault', () => {
  const cluster: ClusterRef = { clusterName: 'orders', authentication: true } as ClusterRef;
  const nodes = [{ address: '127.1.1.4', dc: 'dc1', rack: 'rack1' }];
  const contact = { dc: 'dc1', contactPoints: ['127.1.1.4'] };
  // New nodes as Cassandra starts them: the built-in login and the system keyspaces.
  const freshCluster = async () => {
    const cql = new InMemoryCql('orders', nodes);
    const builtIn = { username: 'cassandra', password: 'cassandra' };
    await cql.withSession({ contactPoints: contact.contactPoints, localDataCenter: 'dc1', credentials: builtIn, trustedCaPem: FAKE_CA.certPem }, (session) => session.ensureKeyspaces(PER_DC_SYSTEM_KEYSPACES.map((name) => ({ name, replication: { dc1: 1 } }))));
    return cql;
  };
  // The deployment's preparation stores the cluster's CA before any node exists.
  const harden = async (secrets: KeyVaultSecretStore, cql: InMemoryCql) => {
    await seedClusterCa(secrets, 'orders');
    return createClusterActivities({ secrets, cql } as unknown as ActivityDeps).hardenAuth({ cluster, contact, systemReplication: { dc1: 1 } });
  };

  it('stores a new password for the new cluster, which accepts it and refuses the default login', async () => {
    const { client, store } = vault();
    assert.deepEqual(await harden(store, await freshCluster()), { ok: true, value: undefined });
    const first = await store.getSecret(superuserSecretName('orders'));
    await createClusterActivities({ secrets: store } as unknown as ActivityDeps).deleteClusterSecrets({ clusterName: 'orders' });
    // The new cluster's nodes are new: the built-in login works until hardening.
    const reborn = await freshCluster();
    assert.deepEqual(await harden(store, reborn), { ok: true, value: undefined });
    const second = await store.getSecret(superuserSecretName('orders'));
    assert.ok(second && second !== first, 'a fresh password, not the deleted cluster\'s');
    const ca = clusterCaSecretNames('orders');
    assert.deepEqual(client.recovered, [ca.key, ca.cert, superuserSecretName('orders'), monitoringSecretName('orders')]);
    const superuser = { username: SUPERUSER_ROLE, password: second };
    await reborn.withSession({ contactPoints: contact.contactPoints, localDataCenter: 'dc1', credentials: superuser, trustedCaPem: FAKE_CA.certPem }, async () => undefined);
    await assert.rejects(reborn.withSession({ contactPoints: contact.contactPoints, localDataCenter: 'dc1',
      credentials: { username: 'cassandra', password: 'cassandra' }, trustedCaPem: FAKE_CA.certPem }, async () => undefined));
  });
});
