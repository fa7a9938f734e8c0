import { ACTIVITIES } from '../contracts/names.js';
import type { DeleteClusterInput, OperationRef, ResourceGroupDeletion, ResourceGroupInput, VpnConnectionDeletion,
  VpnConnectionInput } from '../contracts/activity-io.js';
import type { Result } from '../errors/result.js';
import { callActivity } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { runOperation } from './kit/run-operation.js';

/**
 * Deletes a cluster through the operation lifecycle: its VPN connections first, in parallel (Azure
 * will not delete a gateway a connection in another group still uses; only connections tagged for
 * this cluster go, and the step's record names any left), then its resource groups in parallel (each holds
 * only this cluster's resources, so removing them removes everything it owns and nothing else),
 * then its stored secrets, then its records (the close removes them once deleted). A group the
 * activity may not delete (not tagged for this cluster, not in its record, the app's own) is
 * left, and the resources step's record says which and why: the delete still finishes.
 */
export function* deleteCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<DeleteClusterInput>();
  const { operationId, clusterName } = input;
  const operation: OperationRef = { operationId, clusterName, kind: 'DeleteCluster' };
  const connections = input.vpnConnections ?? [];
  return yield* runOperation(context, operation, [
    ...(connections.length > 0 ? [{ name: 'links', start: () => connections.map((connection) => callActivity(context, ACTIVITIES.deleteVpnConnection,
      'arm', { clusterName, connection } satisfies VpnConnectionInput)), summarize: describeLeftConnections }] : []),
    { name: 'resources', start: () => input.resourceGroups.map((g) => callActivity(context, ACTIVITIES.deleteResourceGroup, 'arm',
      { clusterName, name: g.name, location: g.location } satisfies ResourceGroupInput)),
    summarize: describeLeftGroups },
    { name: 'secrets', start: () => [callActivity(context, ACTIVITIES.deleteClusterSecrets, 'bookkeeping', { clusterName })] },
  ], { onSuccess: 'Deleted', onFailure: 'Failed' });
}

/** "left VPN connection <name>: <why>" for each connection the delete left alone, or nothing when it left none. */
function describeLeftConnections(results: unknown[]): string | undefined {
  const left = (results as Result<VpnConnectionDeletion>[]).flatMap((r) => (r.ok && !r.value.deleted ? [`left VPN connection ${r.value.name}: ${r.value.reason}`] : []));
  return left.length > 0 ? left.join('; ') : undefined;
}

/** "left resource group <name>: <why>" for each group the delete left alone, or nothing when it left none. */
function describeLeftGroups(results: unknown[]): string | undefined {
  // Results from before deletions were reported are plain successes with no value.
  const left = (results as Result<ResourceGroupDeletion | undefined>[])
    .flatMap((r) => (r.ok && r.value && !r.value.deleted ? [`left resource group ${r.value.name}: ${r.value.reason}`] : []));
  return left.length > 0 ? left.join('; ') : undefined;
}
