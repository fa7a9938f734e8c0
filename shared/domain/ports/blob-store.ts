/** A stored blob's name and size, as a listing reports it. */
export interface BlobInfo {
  name: string;
  sizeInBytes: number;
}

/**
 * Named blobs in one container (backups and their manifests). Names are `/`-separated paths;
 * writes replace, deletes succeed when the blob is already gone.
 */
export interface BlobStore {
  /** Stores (or replaces) the blob. */
  put(name: string, content: Uint8Array | string): Promise<void>;
  /** The blob's content, or undefined when there is none. */
  get(name: string): Promise<Uint8Array | undefined>;
  /** Every blob whose name starts with `prefix`, in name order. */
  list(prefix: string): Promise<BlobInfo[]>;
  /** Deletes the blob; succeeds when it is already gone. */
  delete(name: string): Promise<void>;
}
