import { clusterCaSecretNames, type SecretStore } from '../../shared/domain/ports/secret-store.js';

/** Stand-in CA material for in-memory worlds: the twins check that a CA is brought, not what it says. */
export const FAKE_CA = { certPem: '-----BEGIN CERTIFICATE-----\nfake-ca\n-----END CERTIFICATE-----\n',
  keyPem: '-----BEGIN PRIVATE KEY-----\nfake-ca-key\n-----END PRIVATE KEY-----\n' };

/** Stores a CA for the cluster, as a deployment's preparation does (ensureClusterCa). */
export async function seedClusterCa(secrets: SecretStore, clusterName: string): Promise<void> {
  const names = clusterCaSecretNames(clusterName);
  await secrets.setSecret(names.key, FAKE_CA.keyPem);
  await secrets.setSecret(names.cert, FAKE_CA.certPem);
}
