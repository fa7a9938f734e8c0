import { isTokenCredential } from '@azure/core-auth';
import { BlobServiceClient, ContainerSASPermissions, SASProtocol, StorageSharedKeyCredential, type ContainerClient } from '@azure/storage-blob';
import { NODE_SAS_PERMISSIONS, UploadSas, uploadSasWindow, type BlobInfo, type BlobStore, type IssueUploadSasOptions,
  type PutBlobOptions } from '../../domain/ports/blob-store.js';

/**
 * Named blobs in one Blob storage container. Block blobs uploaded in one call (the app writes
 * small blobs: manifests, upload plans; nodes upload the data themselves), so a put replaces the
 * whole blob or nothing.
 */
export class AzureBlobStore implements BlobStore {
  constructor(private readonly container: ContainerClient) {}

  /** Creates the container if missing (idempotent). */
  async ensureContainer(): Promise<void> {
    await this.container.createIfNotExists();
  }

  async put(name: string, content: Uint8Array | string, options: PutBlobOptions = {}): Promise<void> {
    const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await this.container.getBlockBlobClient(name).uploadData(body, { metadata: options.metadata });
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
    for await (const blob of this.container.listBlobsFlat({ prefix, includeMetadata: true })) {
      const metadata = blob.metadata && Object.keys(blob.metadata).length > 0 ? { metadata: lowerKeys(blob.metadata) } : {};
      blobs.push({ name: blob.name, sizeInBytes: blob.properties.contentLength ?? 0, ...metadata });
    }
    return blobs;
  }

  async delete(name: string): Promise<void> {
    await this.container.getBlobClient(name).deleteIfExists();
  }

  /**
   * Signs with what the client authenticates with: an Entra ID credential gets a user delegation
   * key (valid only as long as the SAS) and signs with it; the account key signs a service SAS,
   * which only Azurite should see (the backup account on Azure disables shared keys). HTTPS only
   * unless the container itself is plain HTTP (Azurite on loopback).
   */
  async issueUploadSas(options: IssueUploadSasOptions): Promise<UploadSas> {
    const { startsOn, expiresOn } = uploadSasWindow(options.expiresInMs, options.now ?? new Date());
    const permissions = NODE_SAS_PERMISSIONS[options.access ?? 'upload'];
    const sasOptions = { permissions: ContainerSASPermissions.parse(permissions), startsOn, expiresOn,
      protocol: this.container.url.startsWith('https:') ? SASProtocol.Https : SASProtocol.HttpsAndHttp };
    const credential = this.container.credential;
    let url: string;
    let signedWith: UploadSas['signedWith'];
    if (credential instanceof StorageSharedKeyCredential) {
      url = await this.container.generateSasUrl(sasOptions);
      signedWith = 'accountKey';
    } else if (isTokenCredential(credential)) {
      const service = new BlobServiceClient(new URL(this.container.url).origin, credential);
      const key = await service.getUserDelegationKey(startsOn, expiresOn);
      url = await this.container.generateUserDelegationSasUrl(sasOptions, key);
      signedWith = 'userDelegationKey';
    } else {
      throw new Error('The container client has neither an Entra ID credential nor an account key to sign an upload SAS with.');
    }
    const query = url.slice(url.indexOf('?') + 1);
    return new UploadSas(this.container.url.split('?')[0]!, query, expiresOn.toISOString(), permissions, signedWith);
  }
}

function lowerKeys(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v]));
}
