import { isIP } from 'node:net';

/** Service endpoints and the shared-key credential named by an Azurite-style connection string. */
export interface StorageConnection {
  accountName: string;
  blobEndpoint: string;
  queueEndpoint: string;
  tableEndpoint: string;
  /** The original connection string, for the SDK clients' fromConnectionString. */
  connectionString: string;
}

const DEV_ACCOUNT = 'devstoreaccount1';
/** Azurite's published well-known development key (in Azure's own docs); not a secret. */
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/**
 * Parses `AzureWebJobsStorage`: `UseDevelopmentStorage=true` (Azurite's default ports) or a
 * string with explicit Blob/Queue/TableEndpoint. Every endpoint must be on loopback: this host
 * never talks to remote storage.
 * Errors: STORAGE_CONNECTION_INVALID naming the missing or bad part (never echoing the key).
 */
export function parseStorageConnection(connectionString: string): StorageConnection {
  const parts = new Map<string, string>();
  for (const piece of connectionString.split(';')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts.set(piece.slice(0, eq).trim().toLowerCase(), piece.slice(eq + 1).trim());
  }
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') {
    const base = 'http://127.0.0.1';
    const blobEndpoint = `${base}:10000/${DEV_ACCOUNT}`;
    const queueEndpoint = `${base}:10001/${DEV_ACCOUNT}`;
    const tableEndpoint = `${base}:10002/${DEV_ACCOUNT}`;
    return {
      accountName: DEV_ACCOUNT, blobEndpoint, queueEndpoint, tableEndpoint,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
        `BlobEndpoint=${blobEndpoint};QueueEndpoint=${queueEndpoint};TableEndpoint=${tableEndpoint};`,
    };
  }
  const need = (key: string, label: string): string => {
    const v = parts.get(key);
    if (!v) throw new Error(`STORAGE_CONNECTION_INVALID: AzureWebJobsStorage has no ${label}`);
    return v;
  };
  const conn = {
    accountName: need('accountname', 'AccountName'),
    blobEndpoint: need('blobendpoint', 'BlobEndpoint'),
    queueEndpoint: need('queueendpoint', 'QueueEndpoint'),
    tableEndpoint: need('tableendpoint', 'TableEndpoint'),
    connectionString,
  };
  need('accountkey', 'AccountKey');
  for (const [label, url] of [['BlobEndpoint', conn.blobEndpoint], ['QueueEndpoint', conn.queueEndpoint], ['TableEndpoint', conn.tableEndpoint]] as const) {
    if (!isLoopbackUrl(url)) throw new Error(`STORAGE_CONNECTION_INVALID: AzureWebJobsStorage ${label} ${url} is not on loopback (127.0.0.0/8, ::1 or localhost)`);
  }
  return conn;
}

/** True when the URL's host is a loopback address or the name localhost. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try { host = new URL(url).hostname.replace(/^\[|\]$/g, ''); } catch { return false; }
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
