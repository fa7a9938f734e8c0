import type { TokenCredential } from '@azure/core-auth';
import { SecretClient } from '@azure/keyvault-secrets';
import { OpsError } from '../../errors/ops-error.js';
import type { SecretStore } from '../../domain/ports/secret-store.js';

/** SecretStore in Azure Key Vault, reached with the Function App's managed identity. */
export class KeyVaultSecretStore implements SecretStore {
  private readonly client: SecretClient;

  constructor(vaultUrl: string, credential: TokenCredential) {
    this.client = new SecretClient(vaultUrl, credential);
  }

  async setSecret(name: string, value: string): Promise<void> {
    await wrap(() => this.client.setSecret(name, value, { contentType: 'password' }));
  }

  async getSecret(name: string): Promise<string | undefined> {
    try {
      return (await this.client.getSecret(name)).value;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw new OpsError('CASSOPS_SECRET_STORE_FAILED', { message: `Key Vault read of '${name}' failed.`, cause: error });
    }
  }

  async deleteSecret(name: string): Promise<void> {
    try {
      // Soft delete: Key Vault keeps it recoverable for its retention period.
      await this.client.beginDeleteSecret(name);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) {
        throw new OpsError('CASSOPS_SECRET_STORE_FAILED', { message: `Key Vault delete of '${name}' failed.`, cause: error });
      }
    }
  }
}

async function wrap(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new OpsError('CASSOPS_SECRET_STORE_FAILED', { message: 'Key Vault write failed.', cause: error });
  }
}
