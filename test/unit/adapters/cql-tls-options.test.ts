import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type Server } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { cqlTlsOptions } from '../../../shared/adapters/cql/cql-session.js';
import { SelfsignedCertificateIssuer } from '../../../shared/adapters/x509/selfsigned-certificate-issuer.js';
import type { ClusterCa, NodeCertificate } from '../../../shared/domain/ports/certificate-issuer.js';

/** Connects with the driver's TLS options as the driver does (host = the node's IP, no server name). */
function handshake(port: number, caPem: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', cqlTlsOptions(caPem), () => { socket.destroy(); resolve('ok'); });
    socket.once('error', (error: NodeJS.ErrnoException) => { socket.destroy(); resolve(error.code ?? error.message); });
  });
}

describe('cqlTlsOptions: what a CQL session accepts from a node', () => {
  const issuer = new SelfsignedCertificateIssuer();
  const servers: Server[] = [];
  let ca: ClusterCa;
  let other: ClusterCa;
  const serve = async (cert: NodeCertificate, caPem: string): Promise<number> => {
    const server = createServer({ key: cert.keyPem, cert: `${cert.certPem.trim()}\n${caPem}` }, (socket) => socket.end());
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  before(async () => { [ca, other] = await Promise.all([issuer.createCa('orders'), issuer.createCa('billing')]); });
  after(() => { for (const server of servers) server.close(); });

  it('a certificate for the node\'s IP from the cluster CA', async () => {
    const port = await serve(await issuer.issueNodeCertificate(ca, { name: 'n1', privateIp: '127.0.0.1' }), ca.certPem);
    assert.equal(await handshake(port, ca.certPem), 'ok');
  });

  it('refuses a cluster-CA certificate that names another address (a node answering for another)', async () => {
    const port = await serve(await issuer.issueNodeCertificate(ca, { name: 'n2', privateIp: '127.0.0.2' }), ca.certPem);
    assert.equal(await handshake(port, ca.certPem), 'ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('refuses a certificate for the right address from another CA', async () => {
    const port = await serve(await issuer.issueNodeCertificate(other, { name: 'n1', privateIp: '127.0.0.1' }), other.certPem);
    assert.match(await handshake(port, ca.certPem), /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER/);
  });
});
