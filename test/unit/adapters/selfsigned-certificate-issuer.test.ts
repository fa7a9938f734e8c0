import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { SelfsignedCertificateIssuer } from '../../../shared/adapters/x509/selfsigned-certificate-issuer.js';

describe('SelfsignedCertificateIssuer', () => {
  const issuer = new SelfsignedCertificateIssuer({ now: () => new Date('2026-06-01T00:00:00Z') });

  it('makes a CA per cluster that may sign end-entity certificates only, with a PKCS#8 EC key', async () => {
    const ca = await issuer.createCa('orders');
    const cert = new X509Certificate(ca.certPem);
    assert.equal(cert.ca, true);
    assert.match(cert.subject, /CN=Cassandra Autopilot CA for orders/);
    assert.equal(cert.checkIssued(cert), true, 'self-signed');
    assert.match(ca.keyPem, /^-----BEGIN PRIVATE KEY-----/);
    assert.equal(createPrivateKey(ca.keyPem).asymmetricKeyType, 'ec');
    assert.notEqual((await issuer.createCa('orders')).keyPem, ca.keyPem, 'a fresh key every time');
  });

  it('issues a node a certificate for its IP, signed by the cluster CA, valid from a day before now, for server and client use', async () => {
    const ca = await issuer.createCa('orders');
    const node = await issuer.issueNodeCertificate(ca, { name: 'orders-dc1-001', privateIp: '10.1.1.4' });
    const cert = new X509Certificate(node.certPem);
    const caCert = new X509Certificate(ca.certPem);
    assert.equal(cert.ca, false);
    assert.equal(cert.subjectAltName, 'IP Address:10.1.1.4');
    assert.equal(cert.checkIP('10.1.1.4'), '10.1.1.4');
    assert.equal(cert.checkIP('10.1.1.5'), undefined);
    assert.match(cert.subject, /CN=orders-dc1-001/);
    assert.ok(cert.checkIssued(caCert) && cert.verify(caCert.publicKey));
    assert.deepEqual([...(cert.keyUsage ?? [])].sort(), ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    assert.equal(new Date(cert.validFrom).toISOString(), '2026-05-31T00:00:00.000Z');
    assert.ok(cert.checkPrivateKey(createPrivateKey(node.keyPem)), 'the key belongs to the certificate');
    assert.match(node.keyPem, /^-----BEGIN PRIVATE KEY-----/);
  });

  it('a certificate from another cluster\'s CA does not verify against this one', async () => {
    const [mine, theirs] = await Promise.all([issuer.createCa('orders'), issuer.createCa('billing')]);
    const node = await issuer.issueNodeCertificate(theirs, { name: 'billing-dc1-001', privateIp: '10.1.1.4' });
    assert.equal(new X509Certificate(node.certPem).verify(new X509Certificate(mine.certPem).publicKey), false);
  });
});
