import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Keys the host enforces; both empty means "not enforced", as Core Tools runs locally. */
export interface HostKeys {
  masterKeys: string[];
  hostKeys: string[];
}

/** Reads keys from app settings FUNCTIONS_MASTER_KEY and FUNCTIONS_HOST_KEY (comma-separated lists). */
export function keysFromSettings(settings: Record<string, string>): HostKeys {
  const list = (name: string): string[] => (settings[name] ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  return { masterKeys: list('FUNCTIONS_MASTER_KEY'), hostKeys: list('FUNCTIONS_HOST_KEY') };
}

/**
 * The key a request presents: the `x-functions-key` header, else the `code` query parameter, else
 * the password of Basic credentials. The last is how the durable client carries the system key:
 * it builds every URL from its `rpcBaseUrl`, dropping that URL's query and adding no headers, but
 * its HTTP client turns the base URL's user info into Basic credentials.
 */
export function presentedKey(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-functions-key'];
  const value = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('code');
  return value ?? basicPassword(req.headers.authorization);
}

function basicPassword(authorization: string | undefined): string | undefined {
  const credentials = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '')?.[1];
  if (credentials === undefined) return undefined;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

/**
 * Whether a request may use the admin API or the durable endpoints: it must present a master key
 * or the host's system key, even when no keys are configured (the host then makes up a system
 * key), because starting or terminating orchestrations is never an anonymous act.
 */
export function isSystemAuthorized(keys: HostKeys, systemKey: string, presented: string | undefined): boolean {
  return presented !== undefined && [systemKey, ...keys.masterKeys].some((k) => safeEqual(k, presented));
}

/**
 * Whether a request may call something at `level` ("anonymous", "function", "admin").
 * Function level accepts a host or master key; admin level only a master key. When no keys are
 * configured nothing is enforced.
 */
export function isAuthorized(level: string, keys: HostKeys, presented: string | undefined): boolean {
  if (keys.masterKeys.length === 0 && keys.hostKeys.length === 0) return true;
  const lvl = level.toLowerCase();
  if (lvl === 'anonymous') return true;
  if (presented === undefined) return false;
  const allowed = lvl === 'admin' ? keys.masterKeys : [...keys.hostKeys, ...keys.masterKeys];
  return allowed.some((k) => safeEqual(k, presented));
}

/**
 * The name of the key a request presented ("master" or "default", numbered from the second key
 * of a list), as the host names keys; undefined when none matches.
 */
export function keyNameOf(keys: HostKeys, presented: string | undefined): string | undefined {
  if (presented === undefined) return undefined;
  for (const [base, list] of [['master', keys.masterKeys], ['default', keys.hostKeys]] as const) {
    const index = list.findIndex((k) => safeEqual(k, presented));
    if (index >= 0) return index === 0 ? base : `${base}-${index + 1}`;
  }
  return undefined;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
