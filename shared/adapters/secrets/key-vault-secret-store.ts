import type { TokenCredential } from '@azure/core-auth';
import { SecretClient } from '@azure/keyvault-secrets';
import { OpsError } from '../../errors/ops-error.js';
import { checkSecretName, type SecretStore } from '../../domain/ports/secret-store.js';

/** The slice of @azure/keyvault-secrets' SecretClient this store uses (tests hand it a fake). */
export interface KeyVaultSecretsClient {
  setSecret(name: string, value: string, options?: { contentType?: string }): Promise<unknown>;
  getSecret(name: string): Promise<{ value?: string }>;
  beginDeleteSecret(name: string): Promise<{ pollUntilDone(): Promise<unknown> }>;
  beginRecoverDeletedSecret(name: string): Promise<{ pollUntilDone(): Promise<unknown> }>;
}

/** How long a set waits for Key Vault to finish a delete or a recovery of the same name. */
export interface KeyVaultSecretStoreOptions {
  retryDelayInMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Key Vault's 409s on a name whose secret is soft-deleted, or on its way out or back. */
type NameConflict = 'deleted' | 'being-deleted' | 'being-recovered';
const CONFLICTS: [NameConflict, string, RegExp][] = [
  ['deleted', 'ObjectIsDeletedButRecoverable', /deleted but recoverable/i],
  ['being-deleted', 'ObjectIsBeingDeleted', /being deleted/i],
  ['being-recovered', 'ObjectIsBeingRecovered', /being recovered/i],
];

/**
 * SecretStore in Azure Key Vault, reached with the Function App's managed identity.
 *
 * The vault has soft delete and purge protection (infra/), so a deleted secret's name stays
 * taken until its retention ends and cannot be purged: a set on it gets 409
 * ObjectIsDeletedButRecoverable. A cluster re-created under a deleted one's name must still
 * store its new password, so a set on a soft-deleted name recovers it and writes the new value as
 * a new version (the old value stays only in the vault's version history, under the same RBAC).
 * Recovering keeps one name per cluster, which every reader derives from the cluster's name; a
 * per-deployment name would have to be recorded and carried to each of them. Deletes wait until
 * Key Vault has finished, so a re-create right after a delete finds the name deleted, not still
 * being deleted; a set that does meet a delete or a recovery in flight waits and tries again.
 * Errors: CASSOPS_SECRET_STORE_FAILED (retryable) naming the secret, never its value.
 */
export class KeyVaultSecretStore implements SecretStore {
  private readonly retryDelayInMs: number;
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly client: KeyVaultSecretsClient, options: KeyVaultSecretStoreOptions = {}) {
    this.retryDelayInMs = options.retryDelayInMs ?? 2_000;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The store on the vault at `vaultUrl` (AUTOPILOT_KEY_VAULT_URL). */
  static fromVaultUrl(vaultUrl: string, credential: TokenCredential, options?: KeyVaultSecretStoreOptions): KeyVaultSecretStore {
    return new KeyVaultSecretStore(new SecretClient(vaultUrl, credential), options);
  }

  async setSecret(name: string, value: string): Promise<void> {
    checkSecretName(name);
    let recover = false;
    for (let attempt = 1; ; attempt++) {
      try {
        if (recover) await (await this.client.beginRecoverDeletedSecret(name)).pollUntilDone();
        recover = false;
        await this.client.setSecret(name, value, { contentType: 'password' });
        return;
      } catch (error) {
        const conflict = nameConflictOf(error);
        if (!conflict || attempt >= this.maxAttempts) throw failed(`Key Vault write of '${name}' failed`, error);
        if (conflict === 'deleted') recover = true;
        else await this.sleep(this.retryDelayInMs);
      }
    }
  }

  async getSecret(name: string): Promise<string | undefined> {
    checkSecretName(name);
    try {
      return (await this.client.getSecret(name)).value;
    } catch (error) {
      // A soft-deleted secret reads as missing too.
      if (statusOf(error) === 404) return undefined;
      throw failed(`Key Vault read of '${name}' failed`, error);
    }
  }

  async deleteSecret(name: string): Promise<void> {
    checkSecretName(name);
    try {
      // Soft delete: Key Vault keeps it recoverable for its retention period.
      await (await this.client.beginDeleteSecret(name)).pollUntilDone();
    } catch (error) {
      if (statusOf(error) !== 404) throw failed(`Key Vault delete of '${name}' failed`, error);
    }
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/** Which name conflict a 409 is: Key Vault's inner error code, else its message. */
function nameConflictOf(error: unknown): NameConflict | undefined {
  if (statusOf(error) !== 409) return undefined;
  const inner = (error as { details?: { error?: { innerError?: { code?: string } } } }).details?.error?.innerError?.code;
  const message = (error as { message?: string }).message ?? '';
  return CONFLICTS.find(([, code, text]) => inner === code || text.test(message))?.[0];
}

function failed(message: string, cause: unknown): OpsError {
  return new OpsError('CASSOPS_SECRET_STORE_FAILED', { message: `${message}.`, cause });
}
