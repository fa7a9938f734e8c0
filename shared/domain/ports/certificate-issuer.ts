/**
 * A cluster's own certificate authority: the CA certificate every node and client trusts, and the
 * key that signs node certificates. The key is a secret (secret store only, never a table or a log).
 */
export interface ClusterCa {
  certPem: string;
  keyPem: string;
}

/** A node's TLS identity: its certificate (signed by the cluster CA) and its PKCS#8 private key. */
export interface NodeCertificate {
  certPem: string;
  keyPem: string;
}

/** The node a certificate is issued to: its name (the subject) and the private IP it is reached at (the SAN). */
export interface CertificateSubject {
  name: string;
  privateIp: string;
}

/**
 * Issues X.509 material for the clusters' TLS (internode and client encryption). Keys are
 * generated fresh on every call, so only activities and the API's lease-held preparation call it,
 * never an orchestrator.
 */
export interface CertificateIssuer {
  /** A new self-signed CA for the cluster (EC P-256, long-lived, may sign only end-entity certificates). */
  createCa(clusterName: string): Promise<ClusterCa>;
  /**
   * A certificate for the node signed by `ca`: subject CN = its name, SAN = its private IP (what
   * peers and the driver verify), usable as a TLS server and client (internode mutual TLS).
   */
  issueNodeCertificate(ca: ClusterCa, subject: CertificateSubject): Promise<NodeCertificate>;
}
