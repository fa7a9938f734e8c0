import { ClientSecretCredential, DefaultAzureCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';

/** Where the product's ARM token comes from: Azure's own identity chain, or the local simulator. */
export type ArmCredentialSource =
  | { kind: 'azure'; /** User-assigned managed identity's client id, when the app has one. */ managedIdentityClientId?: string }
  | {
    kind: 'simulator';
    /** The simulator's token authority, `https://127.0.0.1:<port>`. */
    authorityHost: string;
    tenantId: string;
    clientId: string;
    clientSecret: string;
    /** The simulator's CA (PEM): trusted for the token calls; certificate checks stay on. */
    caPem: string;
  };

/**
 * Builds the credential the ARM clients use. On Azure: DefaultAzureCredential (managed identity
 * in the Function App, developer logins elsewhere). Locally: a ClientSecretCredential whose
 * authority is the simulator's token endpoint; instance discovery is off because it would ask
 * Entra ID's public host, which the local stack never contacts.
 */
export function createArmCredential(source: ArmCredentialSource): TokenCredential {
  if (source.kind === 'azure') {
    return new DefaultAzureCredential(source.managedIdentityClientId ? { managedIdentityClientId: source.managedIdentityClientId } : {});
  }
  return new ClientSecretCredential(source.tenantId, source.clientId, source.clientSecret, {
    authorityHost: source.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: source.caPem },
  });
}
