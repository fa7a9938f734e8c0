import { checkSecretName, type SecretStore } from '../../domain/ports/secret-store.js';

/**
 * SecretStore in memory: the twin the SecretStore contract suite runs beside the file store, so
 * it refuses the same names and treats a delete of a missing secret as done.
 */
export class InMemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async setSecret(name: string, value: string): Promise<void> {
    checkSecretName(name);
    this.secrets.set(name, value);
  }

  async getSecret(name: string): Promise<string | undefined> {
    checkSecretName(name);
    return this.secrets.get(name);
  }

  async deleteSecret(name: string): Promise<void> {
    checkSecretName(name);
    this.secrets.delete(name);
  }
}
