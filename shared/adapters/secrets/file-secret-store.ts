import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OpsError } from '../../errors/ops-error.js';
import { checkSecretName, type SecretStore } from '../../domain/ports/secret-store.js';

/**
 * SecretStore in one JSON file readable and writable only by its owner (mode 0600, in a 0700
 * directory): the local stand-in for Key Vault. Writes go to a temporary file created 0600 and
 * renamed over the old one, so the file is never briefly readable by others or half written.
 */
export class FileSecretStore implements SecretStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {}

  async setSecret(name: string, value: string): Promise<void> {
    checkSecretName(name);
    await this.serialize(async () => this.write({ ...(await this.readAll()), [name]: value }));
  }

  async getSecret(name: string): Promise<string | undefined> {
    checkSecretName(name);
    return (await this.readAll())[name];
  }

  async deleteSecret(name: string): Promise<void> {
    checkSecretName(name);
    await this.serialize(async () => {
      const all = await this.readAll();
      delete all[name];
      await this.write(all);
    });
  }

  /** One writer at a time within the process: read-modify-write must not interleave. */
  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async readAll(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as Record<string, string>;
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return {};
      throw new OpsError('CASSOPS_SECRET_STORE_FAILED', { message: 'The local secret file could not be read.', cause: error });
    }
  }

  private async write(all: Record<string, string>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(all), { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, this.path);
  }
}
