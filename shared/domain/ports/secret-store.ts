/**
 * Where generated credentials live: Key Vault on Azure, an owner-only file locally. Values never
 * go to tables or logs; callers keep them in memory only as long as a connection needs them.
 *
 * Errors: CASSOPS_SECRET_STORE_FAILED (retryable) when the store cannot be read or written.
 */
export interface SecretStore {
  /** Stores or replaces a secret. Names: letters, digits and dashes (Key Vault's rule). */
  setSecret(name: string, value: string): Promise<void>;
  /** The secret's value, or undefined when there is none. */
  getSecret(name: string): Promise<string | undefined>;
  /** Succeeds when the secret is already gone. */
  deleteSecret(name: string): Promise<void>;
}

/** The secret name of a cluster's generated superuser password. */
export function superuserSecretName(clusterName: string): string {
  return `${clusterName}-cassandra-superuser`;
}

/** The secret name of the key both directions of every VPN connection of a cluster share (IPsec needs the same on each side). */
export function vpnSharedKeySecretName(clusterName: string): string {
  return `${clusterName}-vpn-shared-key`;
}

/** The secret names of the cluster's CA certificate and of its signing key (kept apart: most readers need only the certificate). */
export function clusterCaSecretNames(clusterName: string): { cert: string; key: string } {
  return { cert: `${clusterName}-cassandra-ca-cert`, key: `${clusterName}-cassandra-ca-key` };
}

/** The secret name of the password of the cluster's read-only monitoring role (health checks log in with it). */
export function monitoringSecretName(clusterName: string): string {
  return `${clusterName}-cassandra-monitoring`;
}

/** Every secret the product keeps for a cluster, for the clean-up of a deleted cluster. */
export function clusterSecretNames(clusterName: string): string[] {
  const ca = clusterCaSecretNames(clusterName);
  return [superuserSecretName(clusterName), monitoringSecretName(clusterName), ca.cert, ca.key, vpnSharedKeySecretName(clusterName)];
}

const SECRET_NAME = /^[A-Za-z0-9-]{1,127}$/;

/** Throws a TypeError for a name Key Vault would refuse, so local stores refuse it as early. */
export function checkSecretName(name: string): void {
  if (!SECRET_NAME.test(name)) throw new TypeError(`Secret name '${name}' must be 1-127 letters, digits or dashes.`);
}
