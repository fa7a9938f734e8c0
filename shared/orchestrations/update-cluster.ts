import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { CreateKeyspacesInput, DeployPhaseInput, OperationRef, ResourceGroupInput } from '../contracts/activity-io.js';
import type { CommitClusterChangeInput, NodeSequenceInput, RebuildNodesInput, UpdateClusterInput } from '../contracts/update-io.js';
import type { RestartNodesInput } from '../contracts/restart-io.js';
import { clusterRefOf, type DeploymentNode } from '../domain/deploy/deployment-plan.js';
import { planCqlContact } from '../domain/deploy/plan-cql-contact.js';
import { PER_DC_SYSTEM_KEYSPACES, SMOKE_KEYSPACE } from '../domain/topology/plan-topology.js';
import { ok, type Result } from '../errors/result.js';
import type { UpgradeTargets } from '../domain/upgrade/cassandra-release.js';
import { callActivity, callSub } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { runOperation, type OperationStep } from './kit/run-operation.js';

/**
 * Moves a running cluster to a new spec through the operation lifecycle, in an order that keeps
 * it available: check (every node up) → network (NSG rules and tags, when they changed) →
 * restart (the JVM settings or the release changed: each node takes them and restarts, one at a
 * time; an upgrade installs the release while the node is down) → nodes
 * (the new ones' NICs and VMs, in parallel, beside a new DC's peerings) → join (one at a time,
 * each bootstrapping with tokens Cassandra allocates for the DC's replication factor; a new DC's
 * nodes without bootstrap) → keyspaces (replication as the spec asks, now reaching a new DC) →
 * rebuild (a new DC's nodes stream their data from an existing DC, one at a time) → cleanup (one node at a time) → decommission (one node at a time, each then deleted) →
 * retire (a removed datacenter taken out of the system keyspaces, its peerings and resource
 * groups deleted: its nodes leave with system_auth still there, which Cassandra insists on) → commit (the record
 * takes the new spec). A step with nothing to do succeeds at once. Every step
 * is idempotent, so a run killed mid-way resumes, and a failed update is resumed by applying the
 * same spec again. The cluster stays Ready whatever the outcome.
 */
export function* updateCluster(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<UpdateClusterInput>();
  const { update, plan, spec, settings, clusterName } = input;
  const operation: OperationRef = { operationId: input.operationId, clusterName, kind: 'UpdateCluster' };
  const added: DeployPhaseInput = { operation, plan: { ...plan, nodes: update.add }, spec, settings,
    nodesBefore: plan.nodes.length - update.add.length + update.remove.length, newDatacenters: update.datacenters };
  const restart: RestartNodesInput = { operationId: input.operationId, clusterName, nodes: update.restart, operation, ...(update.restartSettings !== false ? { spec } : {}),
    ...(input.restartWaves ? { waves: input.restartWaves } : {}),
    settings: { nodeTimeoutInMs: settings.joinTimeoutInMs, pollIntervalInMs: settings.joinPollIntervalInMs } };
  const sequence = (nodes: NodeSequenceInput['nodes']): NodeSequenceInput => ({ operation, clusterName, nodes,
    ...(update.retire.datacenters.length > 0 ? { leavingDatacenters: update.retire.datacenters } : {}) });
  const systemKeyspaces = (replication: Record<string, number>) => [...PER_DC_SYSTEM_KEYSPACES, SMOKE_KEYSPACE]
    .map((name) => ({ name, replication, durableWrites: true }));
  const contact = planCqlContact(plan, plan.datacenters[0]?.name ?? '');
  const keyspaces: CreateKeyspacesInput = { cluster: clusterRefOf(plan), contact,
    keyspaces: [...systemKeyspaces(update.retire.datacenters.length > 0 ? update.retire.systemReplicationWhileLeaving : plan.systemReplication), ...plan.keyspaces] };
  const leftKeyspaces: CreateKeyspacesInput = { cluster: clusterRefOf(plan), contact, keyspaces: systemKeyspaces(plan.systemReplication) };
  const steps: OperationStep[] = [
    { name: 'check', start: () => [callActivity(context, ACTIVITIES.checkRestartReady, 'cql', { clusterName, nodes: [], work: 'An update' }),
      ...(update.upgradeTo ? [callActivity(context, ACTIVITIES.planUpgrade, 'cql', { clusterName, release: update.upgradeTo })] : [])] },
    { name: 'network', start: () => (update.network ? [callSub(context, ORCHESTRATIONS.provisionNetwork, added, 'network')] : []) },
    { name: 'restart', run: () => restartForUpdate(context, update, restart),
      // Summarized only when it succeeded: its result holds the nodes it restarted.
      summarize: ([restarted]) => counted((restarted as { value: DeploymentNode[] }).value,
        update.upgradeTo ? `upgraded to Cassandra ${update.upgradeTo}` : 'restarted with the new settings') },
    { name: 'nodes', start: () => [...(update.add.length > 0 ? [callSub(context, ORCHESTRATIONS.provisionNodes, added, 'nodes')] : []),
      ...(update.datacenters.length > 0 ? [callSub(context, ORCHESTRATIONS.provisionPeerings, added, 'peerings')] : [])],
      summarize: () => counted(update.add, 'created') },
    { name: 'join', start: () => (update.add.length > 0 ? [callSub(context, ORCHESTRATIONS.joinNodes, added, 'join')] : []),
      summarize: () => counted(update.add, 'joined') },
    { name: 'keyspaces', start: () => (update.keyspaces ? [callActivity(context, ACTIVITIES.createKeyspaces, 'cql', keyspaces)] : []) },
    { name: 'rebuild', start: () => (update.rebuild.nodes.length > 0
      ? [callSub(context, ORCHESTRATIONS.rebuildNodes, { ...sequence(update.rebuild.nodes), sourceDc: update.rebuild.sourceDc } satisfies RebuildNodesInput, 'rebuild')] : []),
    summarize: () => counted(update.rebuild.nodes, `rebuilt from ${update.rebuild.sourceDc}`) },
    { name: 'cleanup', start: () => (update.cleanup.length > 0 ? [callSub(context, ORCHESTRATIONS.cleanupNodes, sequence(update.cleanup), 'cleanup')] : []),
      summarize: () => counted(update.cleanup, 'cleaned up') },
    { name: 'decommission', start: () => (update.remove.length > 0
      ? [callSub(context, ORCHESTRATIONS.decommissionNodes, sequence(update.remove), 'decommission')] : []),
    summarize: () => counted(update.remove, 'decommissioned and deleted') },
    { name: 'retire', start: () => [
      ...(update.retire.datacenters.length > 0 ? [callActivity(context, ACTIVITIES.createKeyspaces, 'cql', leftKeyspaces)] : []),
      ...update.retire.peerings.map((peering) => callActivity(context, ACTIVITIES.deletePeering, 'arm', { peering })),
      ...update.retire.resourceGroups.map((g) => callActivity(context, ACTIVITIES.deleteResourceGroup, 'arm',
        { clusterName, name: g.name, location: g.location } satisfies ResourceGroupInput))] },
    { name: 'commit', start: () => [callActivity(context, ACTIVITIES.commitClusterChange, 'bookkeeping',
      { operationId: input.operationId, clusterName, spec, plan } satisfies CommitClusterChangeInput)] },
  ];
  return yield* runOperation(context, operation, steps, {});
}

/**
 * The update's rolling restart: every node when the start-up settings change; for an upgrade
 * alone, only the nodes not yet on its release (planUpgrade, read when the step starts, so a
 * resumed update skips the nodes it already upgraded). Returns the nodes it restarted.
 */
function* restartForUpdate(context: OrchestrationContextLike, update: UpdateClusterInput['update'], restart: RestartNodesInput): Orchestration<Result<DeploymentNode[]>> {
  let keep = new Set(update.restart.map((n) => n.name));
  if (update.upgradeTo && update.restartSettings === false) {
    const targets = (yield callActivity(context, ACTIVITIES.planUpgrade, 'cql', { clusterName: restart.clusterName, release: update.upgradeTo })) as Result<UpgradeTargets>;
    if (!targets.ok) return targets;
    keep = new Set(targets.value.upgrade.filter((n) => keep.has(n)));
  }
  const nodes = update.restart.filter((n) => keep.has(n.name));
  if (nodes.length === 0) return ok([]);
  const waves = restart.waves?.map((wave) => wave.filter((n) => keep.has(n.name))).filter((wave) => wave.length > 0);
  const restarted = (yield callSub(context, ORCHESTRATIONS.restartNodes, { ...restart, nodes, ...(waves ? { waves } : {}),
    ...(update.upgradeTo ? { release: update.upgradeTo } : {}) } satisfies RestartNodesInput, 'restart')) as Result<void>;
  return restarted.ok ? ok(nodes) : restarted;
}

/** "3 node(s) cleaned up", or nothing for a step that had no node to act on. */
function counted(nodes: readonly unknown[], done: string): string | undefined {
  return nodes.length > 0 ? `${nodes.length} node(s) ${done}` : undefined;
}
