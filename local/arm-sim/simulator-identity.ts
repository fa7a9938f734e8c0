import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The tenant the simulator knows, its two service principals, and the key tokens are signed with.
 * `clientId` is the app's; `toolClientId` is for tools and tests acting beside it (an operator
 * powering a VM off, a script run by hand): the request log names each request's caller, so what
 * the app itself called can be told from what was done around it.
 */
export interface SimulatorIdentity {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  toolClientId: string;
  toolClientSecret: string;
  signingKey: string;
}

const TOKEN_LIFETIME_S = 3599;

/**
 * Loads the simulator's identity from `stateDir/identity.json` (owner-only), creating it on
 * first start, so credentials and issued tokens stay valid across restarts. A state directory
 * from before the tool principal existed gets one added, keeping the rest.
 */
export async function loadSimulatorIdentity(stateDir: string): Promise<SimulatorIdentity> {
  const path = join(stateDir, 'identity.json');
  const existing = await readFile(path, 'utf8').catch(() => '');
  const loaded = existing ? JSON.parse(existing) as Partial<SimulatorIdentity> : {};
  if (loaded.tenantId && loaded.clientId && loaded.clientSecret && loaded.toolClientId && loaded.toolClientSecret && loaded.signingKey) {
    return loaded as SimulatorIdentity;
  }
  const identity: SimulatorIdentity = {
    tenantId: loaded.tenantId ?? randomUUID(),
    clientId: loaded.clientId ?? randomUUID(),
    clientSecret: loaded.clientSecret ?? randomBytes(24).toString('base64url'),
    toolClientId: loaded.toolClientId ?? randomUUID(),
    toolClientSecret: loaded.toolClientSecret ?? randomBytes(24).toString('base64url'),
    signingKey: loaded.signingKey ?? randomBytes(32).toString('base64url'),
  };
  await writeFile(path, JSON.stringify(identity), { mode: 0o600 });
  await chmod(path, 0o600);
  return identity;
}

/** True when `clientId` is one of the two principals and `secret` its secret, compared in constant time. */
export function isClientSecret(identity: SimulatorIdentity, clientId: string, secret: string): boolean {
  const expected = clientId === identity.clientId ? identity.clientSecret
    : clientId === identity.toolClientId ? identity.toolClientSecret : undefined;
  if (expected === undefined) return false;
  const a = Buffer.from(secret);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when `clientId` names one of the simulator's two service principals. */
export function isKnownClient(identity: SimulatorIdentity, clientId: string): boolean {
  return clientId === identity.clientId || clientId === identity.toolClientId;
}

/** Issues a signed bearer token (JWT, HS256) for the service principal `clientId` (its `appid` claim). */
export function issueAccessToken(identity: SimulatorIdentity, clientId: string, scope: string, nowMs: number): { token: string; expiresIn: number } {
  const header = b64({ alg: 'HS256', typ: 'JWT' });
  const iat = Math.floor(nowMs / 1000);
  const payload = b64({ tid: identity.tenantId, appid: clientId, scp: scope, iat, exp: iat + TOKEN_LIFETIME_S });
  return { token: `${header}.${payload}.${sign(identity, `${header}.${payload}`)}`, expiresIn: TOKEN_LIFETIME_S };
}

/**
 * Checks a bearer token's signature and expiry; returns why it is refused, or undefined if valid.
 * `verified` caches tokens already checked (token → expiry ms), so each request skips the HMAC.
 */
export function verifyAccessToken(identity: SimulatorIdentity, token: string, nowMs: number, verified?: Map<string, number>): string | undefined {
  const known = verified?.get(token);
  if (known !== undefined && known > nowMs) return undefined;
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return 'The access token is not a JWT.';
  const expected = Buffer.from(sign(identity, `${header}.${payload}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'The access token signature is invalid.';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number };
  if (!claims.exp || claims.exp * 1000 < nowMs) return 'The access token has expired.';
  if (verified && verified.size < 10_000) verified.set(token, claims.exp * 1000);
  return undefined;
}

/** The `appid` claim of a token verifyAccessToken accepted: the principal that called. */
export function callerOf(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { appid?: unknown };
    return typeof claims.appid === 'string' ? claims.appid : undefined;
  } catch {
    return undefined;
  }
}

function sign(identity: SimulatorIdentity, data: string): string {
  return createHmac('sha256', identity.signingKey).update(data).digest('base64url');
}

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
