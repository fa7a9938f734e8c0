import type { KeyVaultSecretsClient } from '../../shared/adapters/secrets/key-vault-secret-store.js';

type SecretState = 'active' | 'deleting' | 'deleted' | 'recovering';

interface Entry {
  versions: string[];
  state: SecretState;
}

/** An error as @azure/keyvault-secrets throws it (a RestError: status, code, and the body's error as details). */
function restError(statusCode: number, code: string, message: string, innerCode?: string): Error {
  return Object.assign(new Error(message), { name: 'RestError', statusCode, code,
    details: { error: { code, message, ...(innerCode ? { innerError: { code: innerCode } } : {}) } } });
}

const notFound = (name: string) => restError(404, 'SecretNotFound', `A secret with (name/id) ${name} was not found in this key vault.`);

/**
 * A fake of Key Vault's secrets API with soft delete and purge protection, as the vault infra/
 * creates: a deleted secret reads as 404 yet keeps its name, and a set on it is refused 409
 * ObjectIsDeletedButRecoverable until it is recovered (it cannot be purged). A delete is in
 * flight (409 ObjectIsBeingDeleted) until its poller is awaited; `setsSeeingRecovery` makes that
 * many sets after a finished recovery still get 409 ObjectIsBeingRecovered, as the SDKs' users
 * report of the real service.
 */
export class SoftDeletingSecretClient implements KeyVaultSecretsClient {
  readonly entries = new Map<string, Entry>();
  readonly recovered: string[] = [];
  setsSeeingRecovery = 0;
  /** When set, every call fails with it (a vault that refuses the identity, say). */
  failWith: Error | undefined;

  async setSecret(name: string, value: string): Promise<unknown> {
    this.throwIfFailing();
    const entry = this.entries.get(name);
    if (entry?.state === 'deleted') {
      throw restError(409, 'Conflict', `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; `
        + 'in this state, the secret can only be recovered or purged.', 'ObjectIsDeletedButRecoverable');
    }
    if (entry?.state === 'deleting') throw restError(409, 'Conflict', `Secret ${name} is currently being deleted.`, 'ObjectIsBeingDeleted');
    if (entry?.state === 'recovering' || (this.recovered.includes(name) && this.setsSeeingRecovery > 0)) {
      this.setsSeeingRecovery = Math.max(0, this.setsSeeingRecovery - 1);
      throw restError(409, 'Conflict', `Secret ${name} is currently being recovered and cannot be re-created; retry later.`,
        'ObjectIsBeingRecovered');
    }
    this.entries.set(name, { versions: [...(entry?.versions ?? []), value], state: 'active' });
    return { name, value };
  }

  async getSecret(name: string): Promise<{ value?: string }> {
    this.throwIfFailing();
    const entry = this.entries.get(name);
    if (entry?.state !== 'active') throw notFound(name);
    return { value: entry.versions.at(-1) };
  }

  async beginDeleteSecret(name: string): Promise<{ pollUntilDone(): Promise<unknown> }> {
    this.throwIfFailing();
    const entry = this.entries.get(name);
    if (entry?.state !== 'active') throw notFound(name);
    entry.state = 'deleting';
    return { pollUntilDone: async () => { entry.state = 'deleted'; return { name }; } };
  }

  async beginRecoverDeletedSecret(name: string): Promise<{ pollUntilDone(): Promise<unknown> }> {
    this.throwIfFailing();
    const entry = this.entries.get(name);
    if (entry?.state === 'deleting') throw restError(409, 'Conflict', `Secret ${name} is currently being deleted.`, 'ObjectIsBeingDeleted');
    if (entry?.state !== 'deleted') throw restError(404, 'DeletedSecretNotFound', `Deleted Secret not found: ${name}`);
    entry.state = 'recovering';
    return { pollUntilDone: async () => { entry.state = 'active'; this.recovered.push(name); return { name }; } };
  }

  /** Finishes a delete whose poller nobody awaited (the old store's behaviour). */
  finishDeletes(): void {
    for (const entry of this.entries.values()) if (entry.state === 'deleting') entry.state = 'deleted';
  }

  private throwIfFailing(): void {
    if (this.failWith) throw this.failWith;
  }
}

export { restError };
