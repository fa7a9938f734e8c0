import type { SimResponse } from './handle-resource-request.js';
import { isClientSecret, isKnownClient, issueAccessToken, type SimulatorIdentity } from './simulator-identity.js';

/** True for the paths @azure/identity's client-secret flow calls on an authority host. */
export function isTokenPath(pathname: string): boolean {
  return /^\/[^/]+\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token)$/i.test(pathname);
}

/**
 * The Entra ID slice @azure/identity (MSAL) needs for ClientSecretCredential: OpenID discovery
 * and the client-credentials token grant. Wrong tenant or client id, or a wrong secret, get
 * Entra's `invalid_client` / `unauthorized_client` errors.
 */
export function handleTokenRequest(identity: SimulatorIdentity, baseUrl: string, method: string, pathname: string, form: URLSearchParams): SimResponse {
  const tenant = pathname.split('/')[1]!;
  if (/openid-configuration$/i.test(pathname)) {
    const issuer = `${baseUrl}/${tenant}/v2.0`;
    return {
      status: 200,
      body: {
        token_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/token`,
        authorization_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/authorize`,
        issuer, jwks_uri: `${baseUrl}/${tenant}/discovery/v2.0/keys`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        response_types_supported: ['code', 'id_token', 'token'], scopes_supported: ['openid'],
        subject_types_supported: ['pairwise'], id_token_signing_alg_values_supported: ['RS256'],
        tenant_region_scope: 'WW', cloud_instance_name: 'localhost', cloud_graph_host_name: 'localhost', msgraph_host: 'localhost',
      },
    };
  }
  if (method !== 'POST') return oauthError(405, 'invalid_request', 'The token endpoint accepts POST only.');
  if (tenant !== identity.tenantId) return oauthError(400, 'invalid_request', `AADSTS90002: Tenant '${tenant}' not found.`);
  if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'AADSTS70003: Only the client_credentials grant is supported.');
  const clientId = form.get('client_id') ?? '';
  if (!isKnownClient(identity, clientId)) return oauthError(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`);
  if (!isClientSecret(identity, clientId, form.get('client_secret') ?? '')) return oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
  const scope = form.get('scope') ?? '';
  const { token, expiresIn } = issueAccessToken(identity, clientId, scope, Date.now());
  return { status: 200, body: { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token } };
}

function oauthError(status: number, error: string, description: string): SimResponse {
  return { status, body: { error, error_description: description, error_codes: [], timestamp: new Date().toISOString() } };
}
