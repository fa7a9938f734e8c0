import { generate } from 'selfsigned';
import type { CertificateIssuer, CertificateSubject, ClusterCa, NodeCertificate } from '../../domain/ports/certificate-issuer.js';

const DAY_MS = 86_400_000;

/** How long what this issuer signs stays valid; clocks that lag are covered by a day's backdating. */
export interface SelfsignedCertificateIssuerOptions {
  caValidityInDays?: number;
  nodeValidityInDays?: number;
  now?: () => Date;
}

/**
 * CertificateIssuer on the `selfsigned` package (X.509 through @peculiar/x509 and WebCrypto):
 * EC P-256 keys, SHA-256 signatures, keys in PKCS#8 PEM, which is what Cassandra 5.0's
 * PEMBasedSslContextFactory reads (its PEMReader takes RSA, DSA and EC keys). The CA is limited
 * to path length 0 so that a node's key can never sign for another node.
 */
export class SelfsignedCertificateIssuer implements CertificateIssuer {
  private readonly caValidityInDays: number;
  private readonly nodeValidityInDays: number;
  private readonly now: () => Date;

  constructor(options: SelfsignedCertificateIssuerOptions = {}) {
    this.caValidityInDays = options.caValidityInDays ?? 3650;
    this.nodeValidityInDays = options.nodeValidityInDays ?? 825;
    this.now = options.now ?? (() => new Date());
  }

  async createCa(clusterName: string): Promise<ClusterCa> {
    const created = await generate([{ name: 'commonName', value: `Cassandra Autopilot CA for ${clusterName}` },
      { name: 'organizationName', value: 'Cassandra Autopilot' }], {
      keyType: 'ec', curve: 'P-256', algorithm: 'sha256', ...this.validity(this.caValidityInDays),
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    });
    return { certPem: created.cert, keyPem: created.private };
  }

  async issueNodeCertificate(ca: ClusterCa, subject: CertificateSubject): Promise<NodeCertificate> {
    const issued = await generate([{ name: 'commonName', value: subject.name }, { name: 'organizationName', value: 'Cassandra Autopilot' }], {
      keyType: 'ec', curve: 'P-256', algorithm: 'sha256', ...this.validity(this.nodeValidityInDays),
      ca: { key: ca.keyPem, cert: ca.certPem },
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        // Server for the driver and inbound peers, client for its own outbound internode connections.
        { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: subject.privateIp }] },
      ],
    });
    return { certPem: issued.cert, keyPem: issued.private };
  }

  private validity(days: number) {
    const now = this.now().getTime();
    return { notBeforeDate: new Date(now - DAY_MS), notAfterDate: new Date(now + days * DAY_MS) };
  }
}
