import type { CertificateIssuer, ClusterCa } from '../domain/ports/certificate-issuer.js';
import { clusterCaSecretNames, type SecretStore } from '../domain/ports/secret-store.js';
import type { NodeTlsFiles } from '../domain/render/render-tls-settings.js';

/** The cluster CA's certificate, which every CQL session verifies nodes against; undefined when the cluster has no CA. */
export async function readClusterCaCert(secrets: SecretStore, clusterName: string): Promise<string | undefined> {
  return secrets.getSecret(clusterCaSecretNames(clusterName).cert);
}

async function readClusterCa(secrets: SecretStore, clusterName: string): Promise<ClusterCa | undefined> {
  const names = clusterCaSecretNames(clusterName);
  const [certPem, keyPem] = await Promise.all([secrets.getSecret(names.cert), secrets.getSecret(names.key)]);
  return certPem && keyPem ? { certPem, keyPem } : undefined;
}

/**
 * Creates the cluster's CA unless it has one, and stores it: the key first, then the
 * certificate, so a stored certificate always has its key (a crash between the two leaves a key
 * with no certificate, and the next call replaces both; nothing was signed with it). Must run
 * where one caller at a time does (a deployment's preparation, under the cluster's lease): two
 * concurrent creators would each sign nodes with a CA only one of them kept.
 * Errors: CASSOPS_SECRET_STORE_FAILED (retryable) from the store.
 */
export async function ensureClusterCa(secrets: SecretStore, issuer: CertificateIssuer, clusterName: string): Promise<void> {
  if (await readClusterCa(secrets, clusterName)) return;
  const ca = await issuer.createCa(clusterName);
  const names = clusterCaSecretNames(clusterName);
  await secrets.setSecret(names.key, ca.keyPem);
  await secrets.setSecret(names.cert, ca.certPem);
}

/**
 * The node's TLS files, with a key and certificate issued now for its private IP and signed by
 * the cluster CA; undefined when the cluster has no CA (deployed before TLS, or its preparation
 * never ran). Fresh on every call: a re-run of the VM's creation sends a document the VM
 * ignores once created, and a new one is as valid as the first.
 */
export async function issueNodeTlsFiles(secrets: SecretStore, issuer: CertificateIssuer, clusterName: string,
  node: { name: string; privateIp: string }): Promise<NodeTlsFiles | undefined> {
  const ca = await readClusterCa(secrets, clusterName);
  if (!ca) return undefined;
  const issued = await issuer.issueNodeCertificate(ca, node);
  return { caCertPem: ca.certPem, nodeKeyPem: issued.keyPem, nodeCertPem: issued.certPem };
}
