import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { TokenCredential } from '@azure/core-auth';

/** Where and how the product reaches Azure Resource Manager (Azure itself or the local simulator). */
export interface ArmConnection {
  subscriptionId: string;
  credential: TokenCredential;
  /** ARM's base URL; Azure's public cloud when omitted. */
  endpoint?: string;
  /** PEM of a CA to trust for `endpoint` (the local simulator's own CA); certificate checks stay on. */
  caPem?: string;
  /** Overrides of the SDK retry policy (tests shorten the delays). */
  retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

/** The three ARM clients the product uses, built once per connection. */
export interface ArmClients {
  resources: ResourceManagementClient;
  network: NetworkManagementClient;
  compute: ComputeManagementClient;
}

/** ARM's token scope. The network client would otherwise ask for `<endpoint>/.default`. */
const ARM_SCOPE = 'https://management.azure.com/.default';

/** Builds the real Azure SDK clients for a connection; the same code serves Azure and the simulator. */
export function createArmClients(connection: ArmConnection): ArmClients {
  const options = {
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    ...(connection.caPem ? { tlsOptions: { ca: connection.caPem } } : {}),
    ...(connection.retry ? { retryOptions: connection.retry } : {}),
  };
  const { credential, subscriptionId } = connection;
  return {
    resources: new ResourceManagementClient(credential, subscriptionId, options),
    network: new NetworkManagementClient(credential, subscriptionId, { ...options, credentialScopes: [ARM_SCOPE] }),
    compute: new ComputeManagementClient(credential, subscriptionId, { ...options, credentials: { scopes: [ARM_SCOPE] } }),
  };
}
