import type { StateStore } from '../domain/ports/state-store.js';
import type { OrchestrationClient } from '../domain/ports/orchestration-client.js';
import type { DeploySettings } from '../contracts/activity-io.js';
import type { ArmPort } from '../domain/ports/arm-port.js';

/** What the API handlers need, built once by the composition root. */
export interface ClusterApiDeps {
  state: StateStore;
  orchestrations: OrchestrationClient;
  /** Reads who owns a resource group: a create is refused before anything is recorded if the product may not use it. */
  arm: Pick<ArmPort, 'readResourceGroupOwner'>;
  /** The app's own resource group (AUTOPILOT_APP_RESOURCE_GROUP), which no spec may name. */
  appResourceGroup?: string | undefined;
  /** How long a claimed lease holds before its holder must have started (and renewed it). */
  leaseTtlInMs: number;
  target: 'azure' | 'local';
  /** The subscription the app deploys into: specs naming another one are refused. */
  subscriptionId: string;
  settings: DeploySettings;
  now: () => Date;
  newId: () => string;
  /**
   * Creates the cluster's certificate authority unless it has one (ensureClusterCa). Called only
   * under the cluster's lease, before the deployment starts: the nodes' certificates, issued
   * while their VMs are created in parallel, must all come from one CA.
   */
  ensureClusterCa: (clusterName: string) => Promise<void>;
}

/** What the operation lifecycle (start, abandon, reconcile) needs: any API that starts operations provides it. */
export type OperationDeps = Pick<ClusterApiDeps, 'state' | 'orchestrations' | 'leaseTtlInMs' | 'now'>;
