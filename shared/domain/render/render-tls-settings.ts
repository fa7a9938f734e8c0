/** Where a node keeps its TLS material: beside cassandra.yaml, readable by Cassandra's user only (the preparation script hands it over). */
export const TLS_DIRECTORY = '/etc/cassandra/tls';
/** The cluster CA's certificate: the truststore for peers (internode mutual TLS) and what clients verify against. */
export const CA_CERT_PATH = `${TLS_DIRECTORY}/ca.pem`;
/** The node's PKCS#8 private key followed by its certificate and the CA's: the PEM keystore. */
export const NODE_KEYSTORE_PATH = `${TLS_DIRECTORY}/node-keystore.pem`;

/** A node's TLS material as cloud-init writes it. The key is a secret: it never goes to a record, a log or an orchestration input. */
export interface NodeTlsFiles {
  caCertPem: string;
  nodeKeyPem: string;
  nodeCertPem: string;
}

const PEM_CONTEXT_FACTORY = { class_name: 'org.apache.cassandra.security.PEMBasedSslContextFactory' };

/**
 * cassandra.yaml's encryption settings, always on: internode traffic is TLS between every pair of
 * nodes (`internode_encryption: all`, `optional: false`), each side presenting a certificate the
 * cluster's own CA signed (`require_client_auth`), so only a holder of a key the product issued
 * for this cluster can join its ring; CQL takes TLS only, clients verifying the node's certificate
 * (its IP SAN) while logging in with a password. `require_endpoint_verification` stays off:
 * Cassandra 5.0 (5.0.9 checked) also sets HTTPS endpoint identification on the inbound engine,
 * where the JDK's trust manager refuses it ("not supported on the server side") when a client
 * certificate is required, so every internode handshake ends in an internal_error alert; and an
 * inbound check would compare against the packets' source address, not the peer's own (SNAT, or
 * the loopback guests, whose connections come from 127.0.0.1). Cassandra 5.0's PEMBasedSslContextFactory reads the PEM files as they are: the key is
 * unencrypted PKCS#8, so no keystore password is set (one would make Cassandra try to decrypt
 * it), and the file's mode is its protection.
 */
export function renderTlsSettings() {
  // A fresh object per use: a shared one would be emitted as a YAML anchor and alias.
  const stores = () => ({ ssl_context_factory: { ...PEM_CONTEXT_FACTORY }, keystore: NODE_KEYSTORE_PATH, truststore: CA_CERT_PATH });
  return {
    server_encryption_options: {
      internode_encryption: 'all',
      optional: false,
      ...stores(),
      outbound_keystore: NODE_KEYSTORE_PATH,
      require_client_auth: true,
      require_endpoint_verification: false,
    },
    client_encryption_options: {
      enabled: true,
      optional: false,
      ...stores(),
      require_client_auth: false,
    },
  };
}

/** The PEM keystore's text: the key, then the chain from the node's certificate up to the CA's. */
export function renderNodeKeystore(files: NodeTlsFiles): string {
  return [files.nodeKeyPem, files.nodeCertPem, files.caCertPem].map((pem) => `${pem.trim()}\n`).join('');
}
