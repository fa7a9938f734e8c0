import { NODE_SAS_PERMISSIONS, UploadSas, uploadSasWindow, type BlobInfo, type BlobStore, type IssueUploadSasOptions,
  type PutBlobOptions } from '../../domain/ports/blob-store.js';

/**
 * BlobStore in memory: the twin the BlobStore contract suite runs beside the Azure adapter.
 * Content is copied in and out, so neither the writer nor a reader can change a stored blob.
 * The SAS it issues is a placeholder that no real storage accepts; `issued` counts them.
 */
export class InMemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, { content: Uint8Array; metadata?: Record<string, string> }>();
  issued = 0;

  constructor(private readonly containerUrl = 'memory://backups') {}

  async put(name: string, content: Uint8Array | string, options: PutBlobOptions = {}): Promise<void> {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content.slice();
    const metadata = options.metadata && Object.keys(options.metadata).length > 0
      ? Object.fromEntries(Object.entries(options.metadata).map(([k, v]) => [k.toLowerCase(), v])) : undefined;
    this.blobs.set(name, { content: bytes, ...(metadata ? { metadata } : {}) });
  }

  async get(name: string): Promise<Uint8Array | undefined> {
    return this.blobs.get(name)?.content.slice();
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    return [...this.blobs].filter(([name]) => name.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, blob]) => ({ name, sizeInBytes: blob.content.byteLength, ...(blob.metadata ? { metadata: { ...blob.metadata } } : {}) }));
  }

  async delete(name: string): Promise<void> {
    this.blobs.delete(name);
  }

  async issueUploadSas(options: IssueUploadSasOptions): Promise<UploadSas> {
    const { expiresOn } = uploadSasWindow(options.expiresInMs, options.now ?? new Date());
    const permissions = NODE_SAS_PERMISSIONS[options.access ?? 'upload'];
    this.issued++;
    return new UploadSas(this.containerUrl, `sp=${permissions}&se=${encodeURIComponent(expiresOn.toISOString())}&sig=memory-${this.issued}`,
      expiresOn.toISOString(), permissions, 'accountKey');
  }
}
