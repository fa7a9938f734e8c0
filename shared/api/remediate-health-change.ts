import type { HealthStatusChangedEvent } from '../domain/health/health-store.js';
import type { RemediationStore } from '../domain/ports/remediation-store.js';
import { decideRemediation, type RemediationRecord } from '../domain/remediation/decide-remediation.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import { CLUSTER_STATES } from '../domain/state/state-records.js';
import { isOpsError } from '../errors/ops-error.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';
import { startRestart } from './start-restart.js';
import { startReplace } from './start-replace.js';
import { startPowerOn } from './power-on-node.js';

/** What the autopilot needs: the cluster API's lifecycle, and where its decisions go. */
export type RemediationDeps = ClusterApiDeps & { remediations: RemediationStore };

/** How many earlier decisions the policy reads: far more than an hour holds at one check a minute. */
const EARLIER = 200;

/**
 * Acts on one health change from the `cluster-events` queue (decideRemediation) and records every
 * decision on the cluster's remediation history. A taken decision starts a ReplaceNode operation
 * (waiting for an approval unless the spec makes replacements automatic), a StartNode operation, or a RestartCluster
 * operation of the node (trigger `remediation`, requested by `autopilot`, id
 * `remediate-<checkId>`), through the same lifecycle as a request: a redelivered event starts
 * nothing twice, and a cluster held by another operation turns the decision into a declined one
 * naming it. A change of a cluster that is gone or not Ready is recorded as nothing to do.
 */
export async function remediateHealthChange(deps: RemediationDeps, event: HealthStatusChangedEvent): Promise<RemediationRecord[]> {
  const cluster = await deps.state.getCluster(event.cluster);
  const now = deps.now();
  if (!cluster) return [];
  if (cluster.state !== CLUSTER_STATES.Ready) {
    return [await deps.remediations.recordDecision({ clusterName: event.cluster, id: event.checkId, checkId: event.checkId, at: now.toISOString(),
      status: event.status, action: 'none', decision: 'nothing-to-do', reason: `the cluster is ${cluster.state}, not Ready: nothing automatic` })];
  }
  const spec = cluster.spec as Partial<ClusterSpec>;
  const earlier = await deps.remediations.listDecisions(cluster.name, EARLIER);
  const policy = { restartCassandra: spec.autopilot?.restartCassandra ?? true, startVms: spec.autopilot?.startVms ?? true, replaceNodes: spec.autopilot?.replaceNodes ?? 'approval',
    approvalTimeoutMinutes: spec.autopilot?.approvalTimeoutMinutes ?? 240 };
  const drafts = decideRemediation(event, { ...policy, earlier, now });
  const recorded: RemediationRecord[] = [];
  for (const draft of drafts) {
    // A redelivered event: what was decided stands.
    const decided = earlier.find((r) => r.id === draft.id);
    if (decided) {
      recorded.push(decided);
      continue;
    }
    if (draft.decision !== 'taken') {
      recorded.push(await deps.remediations.recordDecision(draft));
      continue;
    }
    const operationId = `remediate-${event.checkId}`;
    const start = { clusterName: cluster.name, operationId, requestedBy: 'autopilot', trigger: 'remediation' as const };
    try {
      if (draft.action === 'replaceNode') {
        await startReplace(deps, { ...start, node: draft.node!, ...(policy.replaceNodes === 'approval'
          ? { approval: { action: `replace ${draft.node} at its address`, reason: draft.reason, timeoutInMs: policy.approvalTimeoutMinutes * 60_000 } } : {}) });
      } else if (draft.action === 'startVm') {
        await startPowerOn(deps, { ...start, node: draft.node! });
      } else {
        await startRestart(deps, { ...start, nodes: [draft.node!] });
      }
    } catch (error) {
      if (!isOpsError(error) || !['CASSOPS_CLUSTER_BUSY', 'CASSOPS_CLUSTER_UNHEALTHY'].includes(error.code)) throw error;
      recorded.push(await deps.remediations.recordDecision({ ...draft, decision: 'declined', reason: `${error.message} The next check decides again.` }));
      continue;
    }
    const stored = await deps.remediations.recordDecision({ ...draft, operationId });
    if (stored.decision === 'taken' && stored.operationId !== operationId) await deps.remediations.setOperation(cluster.name, stored.id, operationId);
    recorded.push({ ...stored, operationId });
  }
  return recorded;
}
