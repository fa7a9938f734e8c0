import type { Caller } from '../shared/domain/access/decide-access.js';

interface PrincipalHeader {
  claims?: { typ?: unknown; val?: unknown }[];
  name_typ?: unknown;
  role_typ?: unknown;
}

const OBJECT_ID_CLAIMS = ['http://schemas.microsoft.com/identity/claims/objectidentifier', 'oid'];
const NAME_CLAIMS = ['preferred_username', 'upn', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn', 'name'];

/**
 * The caller from the `x-ms-client-principal*` headers App Service authentication injects
 * (base64 JSON `{claims: [{typ, val}], name_typ, role_typ}`), or undefined when there are none
 * or they cannot be read. Roles are the claims of type `roles` (Entra ID's app roles) or of the
 * header's `role_typ`. The identity is "name (object id)" when both are known and differ.
 * These headers are only trustworthy where App Service authentication is on (it drops any a
 * client sends); register-http.ts refuses to read them on Azure otherwise.
 */
export function callerOf(request: { headers: { get(name: string): string | null } }): Caller | undefined {
  const encoded = request.headers.get('x-ms-client-principal');
  if (!encoded) return undefined;
  let principal: PrincipalHeader;
  try {
    principal = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as PrincipalHeader;
  } catch {
    return undefined;
  }
  if (typeof principal !== 'object' || principal === null) return undefined;
  const claims = (Array.isArray(principal.claims) ? principal.claims : [])
    .filter((c): c is { typ: string; val: string } => typeof c?.typ === 'string' && typeof c.val === 'string');
  const valueOf = (types: unknown[]) => claims.find((c) => types.includes(c.typ))?.val;
  const name = request.headers.get('x-ms-client-principal-name') || valueOf([principal.name_typ, ...NAME_CLAIMS]);
  const id = request.headers.get('x-ms-client-principal-id') || valueOf(OBJECT_ID_CLAIMS);
  const identity = name && id && name !== id ? `${name} (${id})` : name || id;
  if (!identity) return undefined;
  const roleTypes = ['roles', principal.role_typ];
  const roles = [...new Set(claims.filter((c) => roleTypes.includes(c.typ)).map((c) => c.val))];
  return { identity, roles };
}
