import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The one tenant and service principal the simulator knows, and the key its tokens are signed with. */
export interface SimulatorIdentity {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  signingKey: string;
}

const TOKEN_LIFETIME_S = 3599;

/**
 * Loads the simulator's identity from `stateDir/identity.json` (owner-only), creating it on
 * first start, so credentials and issued tokens stay valid across restarts.
 */
export async function loadSimulatorIdentity(stateDir: string): Promise<SimulatorIdentity> {
  const path = join(stateDir, 'identity.json');
  const existing = await readFile(path, 'utf8').catch(() => '');
  if (existing) return JSON.parse(existing) as SimulatorIdentity;
  const identity: SimulatorIdentity = {
    tenantId: randomUUID(),
    clientId: randomUUID(),
    clientSecret: randomBytes(24).toString('base64url'),
    signingKey: randomBytes(32).toString('base64url'),
  };
  await writeFile(path, JSON.stringify(identity), { mode: 0o600 });
  await chmod(path, 0o600);
  return identity;
}

/** True when `secret` is the client secret, compared in constant time. */
export function isClientSecret(identity: SimulatorIdentity, secret: string): boolean {
  const a = Buffer.from(secret);
  const b = Buffer.from(identity.clientSecret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Issues a signed bearer token (JWT, HS256) for the service principal. */
export function issueAccessToken(identity: SimulatorIdentity, scope: string, nowMs: number): { token: string; expiresIn: number } {
  const header = b64({ alg: 'HS256', typ: 'JWT' });
  const iat = Math.floor(nowMs / 1000);
  const payload = b64({ tid: identity.tenantId, appid: identity.clientId, scp: scope, iat, exp: iat + TOKEN_LIFETIME_S });
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

function sign(identity: SimulatorIdentity, data: string): string {
  return createHmac('sha256', identity.signingKey).update(data).digest('base64url');
}

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
