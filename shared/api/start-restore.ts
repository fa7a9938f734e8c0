import type { RestoreRef } from '../contracts/backup-io.js';
import { matchRestoreNodes } from '../domain/backup/match-restore-nodes.js';
import { readRestorableManifest } from '../domain/backup/read-backup.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import type { OperationTrigger } from '../domain/operations/operation-kinds.js';
import { OpsError } from '../errors/ops-error.js';
import type { BackupApiDeps } from './backup-api-deps.js';
import { startDeployment } from './create-cluster-request.js';
import { planRequest } from './plan-request.js';
import { refuseForeignResourceGroups } from './refuse-foreign-resource-groups.js';
import { requireCluster } from './read-requests.js';

/** A restore of a backup into a new cluster. */
export interface RestoreStart {
  sourceCluster: string;
  backupId: string;
  targetCluster: string;
  /** Per DC of the backup's spec, the new cluster's network; absent DCs keep theirs. */
  networks?: Record<string, ClusterSpec['datacenters'][number]['network']> | undefined;
  operationId: string;
  requestedBy: string;
  trigger: OperationTrigger;
}

/**
 * Restores a Complete backup into a new cluster with the backup's topology: the spec the source
 * ran when it was backed up, renamed (and given other networks when asked), its resource groups
 * left to default to the new name's. Each new node is paired with a backed-up node of the same
 * DC and rack and boots with its tokens, so the node's files are its own ranges' data; the
 * deployment then loads them after hardening (a RestoreCluster operation on the new cluster).
 *
 * Errors: CASSOPS_CLUSTER_NOT_FOUND / CASSOPS_BACKUP_NOT_FOUND (404); CASSOPS_BACKUP_NOT_RESTORABLE
 * (409) for a backup that is not Complete; CASSOPS_SPEC_INVALID (400) when the renamed spec or a
 * network does not validate; CASSOPS_RESTORE_TOPOLOGY_MISMATCH (409); CASSOPS_CLUSTER_EXISTS.
 */
export async function startRestore(deps: BackupApiDeps, start: RestoreStart): Promise<RestoreRef> {
  await requireCluster(deps.state, start.sourceCluster);
  const manifest = await readRestorableManifest(deps, start.sourceCluster, start.backupId);
  const spec = manifest.spec as ClusterSpec;
  const unknownDcs = Object.keys(start.networks ?? {}).filter((dc) => !spec.datacenters.some((d) => d.name === dc));
  if (unknownDcs.length > 0) {
    throw new OpsError('CASSOPS_REQUEST_INVALID', { message: 'The restore names networks for datacenters the backup does not have.',
      issues: unknownDcs.map((dc) => ({ path: `$.networks.${dc}`, message: `the backup's cluster has no datacenter '${dc}'` })) });
  }
  const targetSpec: ClusterSpec = { ...spec, cluster: { ...spec.cluster, name: start.targetCluster },
    datacenters: spec.datacenters.map(({ resourceGroup: _own, ...dc }) => ({ ...dc, network: start.networks?.[dc.name] ?? dc.network })) };
  const request = planRequest(targetSpec, { target: deps.target, subscriptionId: deps.subscriptionId });
  const matched = matchRestoreNodes(manifest.nodes, request.plan.nodes);
  if (!matched.ok) {
    throw new OpsError('CASSOPS_RESTORE_TOPOLOGY_MISMATCH', { message: `Backup ${start.backupId} does not fit the new cluster's racks: ${matched.mismatches.join('; ')}.` });
  }
  const tokens = new Map(matched.pairings.map((p) => [p.target, p.source.tokens]));
  request.plan.nodes = request.plan.nodes.map((n) => ({ ...n, tokens: tokens.get(n.name)! }));
  await refuseForeignResourceGroups(deps, request);
  const restore: RestoreRef = { sourceCluster: start.sourceCluster, backupId: start.backupId, targetCluster: start.targetCluster,
    restoreId: start.operationId };
  await startDeployment(deps, request, { operationId: start.operationId, requestedBy: start.requestedBy, trigger: start.trigger, restore });
  return restore;
}
