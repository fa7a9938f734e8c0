import type { BlobInfo, BlobStore } from '../../domain/ports/blob-store.js';

/**
 * BlobStore in memory: the twin the BlobStore contract suite runs beside the Azure adapter.
 * Content is copied in and out, so neither the writer nor a reader can change a stored blob.
 */
export class InMemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Uint8Array>();

  async put(name: string, content: Uint8Array | string): Promise<void> {
    this.blobs.set(name, typeof content === 'string' ? new TextEncoder().encode(content) : content.slice());
  }

  async get(name: string): Promise<Uint8Array | undefined> {
    return this.blobs.get(name)?.slice();
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    return [...this.blobs].filter(([name]) => name.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, content]) => ({ name, sizeInBytes: content.byteLength }));
  }

  async delete(name: string): Promise<void> {
    this.blobs.delete(name);
  }
}
