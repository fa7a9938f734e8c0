import type { ContainerClient } from '@azure/storage-blob';
import type { BlobInfo, BlobStore } from '../../domain/ports/blob-store.js';

/**
 * Named blobs in one Blob storage container. Block blobs uploaded in one call (backups are
 * written file by file), so a put replaces the whole blob or nothing.
 */
export class AzureBlobStore implements BlobStore {
  constructor(private readonly container: ContainerClient) {}

  /** Creates the container if missing (idempotent). */
  async ensureContainer(): Promise<void> {
    await this.container.createIfNotExists();
  }

  async put(name: string, content: Uint8Array | string): Promise<void> {
    const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await this.container.getBlockBlobClient(name).uploadData(body);
  }

  async get(name: string): Promise<Uint8Array | undefined> {
    try {
      return await this.container.getBlobClient(name).downloadToBuffer();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    const blobs: BlobInfo[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix })) {
      blobs.push({ name: blob.name, sizeInBytes: blob.properties.contentLength ?? 0 });
    }
    return blobs;
  }

  async delete(name: string): Promise<void> {
    await this.container.getBlobClient(name).deleteIfExists();
  }
}
