import type { ClusterNodeRef } from '../contracts/restart-io.js';
import { decideNodeRestarted, type RestartStatus } from '../domain/restart/decide-node-restarted.js';
import { isOpsError } from '../errors/ops-error.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import type { NodeJoinStatus } from '../domain/ports/cql-port.js';
import type { DeploymentNode } from '../domain/deploy/deployment-plan.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import { planTopology } from '../domain/topology/plan-topology.js';
import { decideUpgradeTargets, type UpgradeTargets } from '../domain/upgrade/cassandra-release.js';
import { renderJvmHeapOptions } from '../domain/render/render-jvm-heap-options.js';
import { readNodesUp, requireCluster, requireNode, sessionTarget } from './cluster-lookup.js';
import { withClusterSession } from './with-cluster-session.js';

/** A rolling restart's activities: whether it may start, and whether each restarted node is back. */
export function createRestartActivities(deps: ActivityDeps) {
  return {
    /**
     * A rolling restart starts only on a healthy cluster: every node up over CQL. Restarting one
     * node asks only the others to be up (the node itself may be down: its restart starts it).
     * An update asks the same of every node (`nodes` empty); `work` names the operation in the refusal.
     * Errors: CASSOPS_CLUSTER_UNHEALTHY naming the nodes down.
     */
    checkRestartReady: async ({ clusterName, nodes, work = 'A restart' }: { clusterName: string; nodes: string[]; work?: string }): Promise<Result<{ up: number }>> => {
      const cluster = await requireCluster(deps, clusterName);
      const seen = await readNodesUp(deps, cluster);
      if (!seen.ok) return seen;
      const blocking = seen.value.down.filter((n) => nodes.length > 1 || !nodes.includes(n.name)).map((n) => n.name);
      if (blocking.length > 0) {
        return fail({ code: 'CASSOPS_CLUSTER_UNHEALTHY',
          message: `${work} needs the other nodes up, and ${blocking.join(', ')} ${blocking.length === 1 ? 'is' : 'are'} down: nothing was changed.` });
      }
      return ok({ up: seen.value.up.length });
    },

    /**
     * Whether a node of a datacenter new to the cluster has joined, as the existing nodes' gossip
     * tells: NORMAL and serving CQL for every one that answers. Asked of them, not of the node:
     * its logins need system_auth, which reaches its DC only with the rebuild. Never throws for "not yet".
     */
    probeNodeInRing: async ({ clusterName, node }: { clusterName: string; node: DeploymentNode }): Promise<NodeJoinStatus> => {
      const cluster = await requireCluster(deps, clusterName);
      try {
        const views = await withClusterSession(deps, cluster.plan, sessionTarget(cluster), (s) => s.readGossipViews(cluster.plan.nodes.map((n) => n.privateIp)));
        const seen = views.filter((v) => v.reachable).map((v) => v.entries.find((e) => e.address === node.privateIp));
        const joined = seen.length > 0 && seen.every((e) => e?.status === 'NORMAL' && e.rpcReady);
        const detail = joined ? `NORMAL and serving CQL in the gossip of ${seen.length} node(s)`
          : `gossip of ${seen.length} node(s): ${seen.map((e) => (e ? `${e.status}${e.rpcReady ? '' : ' (CQL off)'}` : 'unknown')).join(', ') || 'none answered'}`;
        return { isUpNormal: joined, schemaAgrees: joined, detail };
      } catch (error) {
        return { isUpNormal: false, schemaAgrees: false, detail: `no CQL answer yet: ${(isOpsError(error) ? error.message : (error as Error).message).slice(0, 300)}` };
      }
    },

    /** The node's start-up settings (heap) as the new spec renders them, written for its next start. */
    writeJvmOptions: async ({ node, spec }: { node: DeploymentNode; spec: ClusterSpec }): Promise<Result<unknown>> => {
      const plan = planTopology(spec);
      const planned = plan.datacenters.flatMap((dc) => dc.nodes).find((n) => n.name === node.name);
      if (!planned) return fail({ code: 'CASSOPS_INTERNAL', message: `The cluster's spec plans no node ${node.name}.` });
      return deps.agent.writeJvmOptions(node, renderJvmHeapOptions(plan, planned));
    },

    /** Installs the patch release on the node while it is down (an upgrade's restart). */
    installCassandra: ({ node, release }: { node: DeploymentNode; release: string }): Promise<Result<unknown>> => deps.agent.installCassandra(node, release),

    /**
     * Which nodes an upgrade to `release` restarts: those whose own gossip announces an older
     * release (a node's word on itself, else any other node's). Read again when a resumed update
     * reaches its restart, so the nodes already upgraded are left alone.
     * Errors: CASSOPS_CHANGE_REFUSED naming the nodes on a newer release (never downgraded);
     * CASSOPS_CLUSTER_UNHEALTHY naming the nodes whose release no node announces.
     */
    planUpgrade: async ({ clusterName, release }: { clusterName: string; release: string }): Promise<Result<UpgradeTargets>> => {
      const cluster = await requireCluster(deps, clusterName);
      const views = await withClusterSession(deps, cluster.plan, sessionTarget(cluster), (s) => s.readGossipViews(cluster.plan.nodes.map((n) => n.privateIp)));
      const announced = (address: string) => [...(views.find((v) => v.observer === address)?.entries ?? []), ...views.flatMap((v) => v.entries)]
        .find((e) => e.address === address && e.releaseVersion)?.releaseVersion;
      const versions = cluster.plan.nodes.map((n) => ({ node: n.name, version: announced(n.privateIp) ?? '' }));
      const unknown = versions.filter((v) => !v.version).map((v) => v.node);
      if (unknown.length > 0) {
        return fail({ code: 'CASSOPS_CLUSTER_UNHEALTHY', message: `No node announces the Cassandra release of ${unknown.join(', ')}: an upgrade needs every node up; nothing was changed.` });
      }
      const targets = decideUpgradeTargets(versions, release);
      if (targets.newer.length > 0) {
        return fail({ code: 'CASSOPS_CHANGE_REFUSED', message: `The spec asks for Cassandra ${release}, but ${targets.newer.map((n) => `${n.node} runs ${n.version}`).join(', ')}: `
          + 'an upgrade never takes a node back to an older release; nothing was changed.' });
      }
      return ok(targets);
    },

    /** The node's incarnation before its restart: the highest gossip generation any node holds for it (0 when none answers). */
    readNodeGeneration: async ({ clusterName, node }: ClusterNodeRef): Promise<number> => {
      const cluster = await requireCluster(deps, clusterName);
      const address = requireNode(cluster, node).privateIp;
      const views = await withClusterSession(deps, cluster.plan, sessionTarget(cluster),
        (s) => s.readGossipViews(cluster.plan.nodes.map((n) => n.privateIp)));
      return Math.max(0, ...views.flatMap((v) => v.entries.filter((e) => e.address === address).map((e) => e.generation)));
    },

    /**
     * Whether the restarted node is back (decideNodeRestarted). Never throws for "not yet": a
     * node that does not answer CQL is reported as not back, so the orchestrator polls again.
     */
    probeNodeRestarted: async ({ clusterName, node, previousGeneration, release }: ClusterNodeRef & { previousGeneration: number; release?: string }): Promise<RestartStatus> => {
      const cluster = await requireCluster(deps, clusterName);
      const target = requireNode(cluster, node);
      try {
        const self = await withClusterSession(deps, cluster.plan, { contactPoints: [target.privateIp], localDataCenter: target.dc, contactPointsOnly: true },
          (s) => s.probeNodeJoined(target, cluster.plan.nodes.length, cluster.plan.cassandraClusterName));
        const others = cluster.plan.nodes.filter((n) => n.name !== node).map((n) => n.privateIp);
        const views = self.isUpNormal && self.schemaAgrees
          ? await withClusterSession(deps, cluster.plan, sessionTarget(cluster), (s) => s.readGossipViews(others)) : [];
        return decideNodeRestarted({ address: target.privateIp, previousGeneration, self, views, ...(release ? { release } : {}) });
      } catch (error) {
        const message = isOpsError(error) ? error.message : (error as Error).message;
        return { ready: false, detail: `no CQL answer yet: ${message.slice(0, 300)}` };
      }
    },
  };
}
