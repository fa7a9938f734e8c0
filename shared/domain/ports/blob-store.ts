/** A stored blob's name and size, as a listing reports it, and its metadata when it has any. */
export interface BlobInfo {
  name: string;
  sizeInBytes: number;
  /** User metadata (`x-ms-meta-*`), keys in lowercase; absent when the blob has none. */
  metadata?: Record<string, string>;
}

export interface PutBlobOptions {
  /** User metadata: keys are lowercase letters and digits (Blob storage keys are C# identifiers, case-folded). */
  metadata?: Record<string, string>;
}

export interface IssueUploadSasOptions {
  /** `upload` (a backup's scripts: read, create, write) by default; `read` for a restore's downloads. */
  access?: keyof typeof NODE_SAS_PERMISSIONS;
  /** How long the SAS is valid from now; at most UPLOAD_SAS_MAX_MS (a user delegation key's limit). */
  expiresInMs: number;
  /** The clock (now by default): tests pass one. */
  now?: Date;
}

/** A user delegation SAS lives at most 7 days, as the key that signs it. */
export const UPLOAD_SAS_MAX_MS = 7 * 24 * 3_600_000;

/**
 * A short-lived SAS a node uploads with. The SAS query never leaves this object except through
 * `reveal()`: JSON (Durable's history, the API, the Table store) and `util.inspect` (logs) see it
 * redacted, so returning or logging one by mistake does not leak it. Hand it to a node only as a
 * Run Command protected parameter, within the activity that issued it.
 */
export class UploadSas {
  readonly #query: string;

  constructor(
    /** The container's URL, without a query. */
    readonly containerUrl: string,
    query: string,
    readonly expiresOn: string,
    /** The SAS permissions, e.g. `rcw`. */
    readonly permissions: string,
    /** How it is signed: a user delegation key (Azure, Entra ID) or the account key (Azurite only). */
    readonly signedWith: 'userDelegationKey' | 'accountKey',
  ) {
    this.#query = query.replace(/^\?/, '');
  }

  /** The SAS query string (no leading `?`): a secret. */
  reveal(): string {
    return this.#query;
  }

  toJSON(): Record<string, string> {
    return { containerUrl: this.containerUrl, expiresOn: this.expiresOn, permissions: this.permissions, signedWith: this.signedWith, sas: '[redacted]' };
  }

  toString(): string {
    return `UploadSas(${this.containerUrl}, expires ${this.expiresOn}, [redacted])`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * Named blobs in one container (one container per cluster's backups). Names are `/`-separated
 * paths; writes replace, deletes succeed when the blob is already gone.
 */
export interface BlobStore {
  /** Stores (or replaces) the blob. */
  put(name: string, content: Uint8Array | string, options?: PutBlobOptions): Promise<void>;
  /** The blob's content, or undefined when there is none. */
  get(name: string): Promise<Uint8Array | undefined>;
  /** Every blob whose name starts with `prefix`, in name order, with metadata. Committed blobs only. */
  list(prefix: string): Promise<BlobInfo[]>;
  /** Deletes the blob; succeeds when it is already gone. */
  delete(name: string): Promise<void>;
  /**
   * A SAS for a node's uploads: read, create and write on this container's blobs (Put Blob,
   * Put Block, Put Block List, Get Block List, Get Blob), no list, no delete; or read only (`access: 'read'`). The container is the
   * narrowest scope a flat namespace signs for many blobs (a directory SAS needs a hierarchical
   * namespace, which rules out blob versioning); one container per cluster keeps a node's reach
   * within its own cluster's backups. On Azure it is a user delegation SAS signed with a key
   * obtained through the app's Entra ID credential; on Azurite, a service SAS (the account key).
   * @throws RangeError when `expiresInMs` is not in (0, UPLOAD_SAS_MAX_MS].
   */
  issueUploadSas(options: IssueUploadSasOptions): Promise<UploadSas>;
}

/** Checks an upload SAS lifetime and returns its window (starting 5 minutes early, for clock skew). */
export function uploadSasWindow(expiresInMs: number, now: Date): { startsOn: Date; expiresOn: Date } {
  if (!(expiresInMs > 0 && expiresInMs <= UPLOAD_SAS_MAX_MS)) {
    throw new RangeError(`an upload SAS lives (0, ${UPLOAD_SAS_MAX_MS}] ms, not ${expiresInMs}`);
  }
  return { startsOn: new Date(now.getTime() - 5 * 60_000), expiresOn: new Date(now.getTime() + expiresInMs) };
}

/**
 * A node credential's permissions by use: an upload reads (to resume, and its plan), creates and
 * writes (blocks, block lists, blobs); a restore only reads.
 */
export const NODE_SAS_PERMISSIONS = { upload: 'rcw', read: 'r' } as const;
