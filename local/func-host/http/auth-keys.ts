import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A host key and its name (the name is what the caller is called: `x-ms-client-principal-name`). */
export interface HostKey {
  name: string;
  value: string;
}

/** Keys the host enforces; both empty means "not enforced", as Core Tools runs locally. */
export interface HostKeys {
  masterKeys: string[];
  hostKeys: HostKey[];
}

/** App setting mapping key names to the app roles their callers hold: JSON `{"<key name>": ["<role>", ...]}`. */
export const KEY_ROLES_SETTING = 'FUNC_HOST_KEY_ROLES';

const KEY_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads keys from app settings FUNCTIONS_MASTER_KEY and FUNCTIONS_HOST_KEY (comma-separated
 * lists). A host key entry is `name:value` (key values, base64 or base64url, hold no colon) or a
 * bare value, named as the host names keys: "default", then "default-2" and so on by position.
 * Errors: HOST_KEYS_INVALID naming a bad or repeated key name (never a key).
 */
export function keysFromSettings(settings: Record<string, string>): HostKeys {
  const list = (name: string): string[] => (settings[name] ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  const hostKeys = list('FUNCTIONS_HOST_KEY').map((entry, index): HostKey => {
    const colon = entry.indexOf(':');
    if (colon < 0) return { name: index === 0 ? 'default' : `default-${index + 1}`, value: entry };
    return { name: entry.slice(0, colon), value: entry.slice(colon + 1) };
  });
  for (const [index, key] of hostKeys.entries()) {
    if (!KEY_NAME.test(key.name) || key.value === '') {
      throw new Error(`HOST_KEYS_INVALID: FUNCTIONS_HOST_KEY entry ${index + 1} must be <name>:<key> with a name of letters, digits, _ or -`);
    }
    if (key.name === 'master' || hostKeys.findIndex((k) => k.name === key.name) !== index) {
      throw new Error(`HOST_KEYS_INVALID: FUNCTIONS_HOST_KEY names '${key.name}' twice (or as the master key)`);
    }
  }
  return { masterKeys: list('FUNCTIONS_MASTER_KEY'), hostKeys };
}

/**
 * The roles each key name's callers hold, from FUNC_HOST_KEY_ROLES: the local stand-in for the
 * app role assignments Entra ID makes on Azure. The host puts them in the principal it hands the
 * app, as claims of type `roles`, as App Service authentication does for an Entra ID token.
 * Errors: HOST_SETTING_INVALID when the setting is not that JSON shape.
 */
export function keyRolesFromSettings(settings: Record<string, string>): Record<string, string[]> {
  const text = settings[KEY_ROLES_SETTING];
  if (!text) return {};
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  const valid = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    && Object.values(parsed).every((roles) => Array.isArray(roles) && roles.every((r) => typeof r === 'string'));
  if (!valid) throw new Error(`HOST_SETTING_INVALID: ${KEY_ROLES_SETTING} must be JSON {"<key name>": ["<role>", ...]}`);
  return parsed as Record<string, string[]>;
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
  const allowed = lvl === 'admin' ? keys.masterKeys : [...keys.hostKeys.map((k) => k.value), ...keys.masterKeys];
  return allowed.some((k) => safeEqual(k, presented));
}

/**
 * The name of the key a request presented: "master" (numbered from the second master key) or the
 * host key's name; undefined when none matches.
 */
export function keyNameOf(keys: HostKeys, presented: string | undefined): string | undefined {
  if (presented === undefined) return undefined;
  const master = keys.masterKeys.findIndex((k) => safeEqual(k, presented));
  if (master >= 0) return master === 0 ? 'master' : `master-${master + 1}`;
  return keys.hostKeys.find((k) => safeEqual(k.value, presented))?.name;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
