import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InMemorySecretStore } from '../../../shared/adapters/memory/in-memory-secret-store.js';
import { ensureClusterCa, issueNodeTlsFiles, readClusterCaCert } from '../../../shared/activities/cluster-tls.js';
import type { CertificateIssuer } from '../../../shared/domain/ports/certificate-issuer.js';
import { clusterCaSecretNames } from '../../../shared/domain/ports/secret-store.js';

/** An issuer that numbers what it makes, so tests can tell which CA signed what. */
function countingIssuer(): CertificateIssuer & { cas: number } {
  const issuer = {
    cas: 0,
    createCa: async (cluster: string) => { issuer.cas += 1; return { certPem: `ca-cert-${cluster}-${issuer.cas}`, keyPem: `ca-key-${issuer.cas}` }; },
    issueNodeCertificate: async (ca: { certPem: string }, node: { name: string; privateIp: string }) =>
      ({ certPem: `cert-${node.privateIp}-by-${ca.certPem}`, keyPem: `key-${node.name}` }),
  };
  return issuer;
}

/** A secret store that records the order of writes. */
class RecordingSecretStore extends InMemorySecretStore {
  readonly writes: string[] = [];
  override async setSecret(name: string, value: string): Promise<void> {
    this.writes.push(name);
    await super.setSecret(name, value);
  }
}

describe('the cluster CA', () => {
  it('is created once, the key stored before the certificate; a second ensure keeps it', async () => {
    const secrets = new RecordingSecretStore();
    const issuer = countingIssuer();
    await ensureClusterCa(secrets, issuer, 'orders');
    await ensureClusterCa(secrets, issuer, 'orders');
    const names = clusterCaSecretNames('orders');
    assert.deepEqual(secrets.writes, [names.key, names.cert]);
    assert.equal(issuer.cas, 1);
    assert.equal(await readClusterCaCert(secrets, 'orders'), 'ca-cert-orders-1');
  });

  it('a key left without its certificate (a crash between the writes) is replaced, since nothing was signed with it', async () => {
    const secrets = new InMemorySecretStore();
    await secrets.setSecret(clusterCaSecretNames('orders').key, 'orphan');
    await ensureClusterCa(secrets, countingIssuer(), 'orders');
    assert.equal(await secrets.getSecret(clusterCaSecretNames('orders').key), 'ca-key-1');
  });

  it('signs each node\'s certificate for its IP, and hands out nothing for a cluster without a CA', async () => {
    const secrets = new InMemorySecretStore();
    const issuer = countingIssuer();
    const node = { name: 'orders-dc1-001', privateIp: '10.1.1.4' };
    assert.equal(await issueNodeTlsFiles(secrets, issuer, 'orders', node), undefined);
    await ensureClusterCa(secrets, issuer, 'orders');
    assert.deepEqual(await issueNodeTlsFiles(secrets, issuer, 'orders', node),
      { caCertPem: 'ca-cert-orders-1', nodeCertPem: 'cert-10.1.1.4-by-ca-cert-orders-1', nodeKeyPem: 'key-orders-dc1-001' });
  });
});
