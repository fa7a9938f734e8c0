import type { CheckReplaceInput } from '../contracts/replace-io.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { readNodesUp, requireCluster, requireNode } from './cluster-lookup.js';

/** A node replacement's check, asked of Cassandra itself right before anything changes. */
export function createReplaceActivities(deps: ActivityDeps) {
  return {
    /**
     * Only a dead node is replaced, and only while every other node is up (the replacement
     * streams each range from a live replica). Errors: CASSOPS_NODE_ALIVE when the node is up;
     * CASSOPS_CLUSTER_UNHEALTHY naming the other nodes down.
     */
    checkReplaceReady: async ({ clusterName, node }: CheckReplaceInput): Promise<Result<{ others: number }>> => {
      const cluster = await requireCluster(deps, clusterName);
      const target = requireNode(cluster, node);
      const seen = await readNodesUp(deps, cluster);
      if (!seen.ok) return seen;
      if (seen.value.up.some((n) => n.name === target.name)) {
        return fail({ code: 'CASSOPS_NODE_ALIVE', message: `${node} (${target.privateIp}) is up: only a dead node is replaced; `
          + `restart it (POST /api/clusters/${clusterName}/nodes/${node}/restart) if Cassandra misbehaves.` });
      }
      const others = seen.value.down.filter((n) => n.name !== target.name).map((n) => n.name);
      if (others.length > 0) {
        return fail({ code: 'CASSOPS_CLUSTER_UNHEALTHY', message: `Replacing ${node} streams its ranges from the other nodes, and `
          + `${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} down: nothing was changed.` });
      }
      return ok({ others: seen.value.up.length });
    },
  };
}
