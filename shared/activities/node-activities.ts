import type { NodeResourceInput, ProbeNodeJoinedInput, RunNodeScriptInput } from '../contracts/activity-io.js';
import type { NodeJoinStatus } from '../domain/ports/cql-port.js';
import { isOpsError } from '../errors/ops-error.js';
import type { Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { withClusterSession } from './with-cluster-session.js';

/** NIC, VM, node script and join probe activities. */
export function createNodeActivities(deps: ActivityDeps) {
  const { arm, agent } = deps;
  return {
    createOrUpdateNic: (i: NodeResourceInput): Promise<Result<void>> => arm.ensureNic(i.node, i.clusterName, i.loadBalancer),
    createOrUpdateVm: (i: NodeResourceInput): Promise<Result<void>> => arm.ensureVm(i.node, i.vm, i.clusterName),
    runNodeScript: (i: RunNodeScriptInput) => agent.runScript(i.node, i.script),
    /**
     * Never throws for "not yet": a node that does not answer CQL, or refuses logins while
     * system_auth settles, is reported as not joined so the orchestrator polls again on a timer.
     */
    probeNodeJoined: async (i: ProbeNodeJoinedInput): Promise<NodeJoinStatus> => {
      try {
        return await withClusterSession(deps, i.plan, { contactPoints: [i.node.privateIp], localDataCenter: i.node.dc, contactPointsOnly: true },
          (session) => session.probeNodeJoined(i.node, i.expectedNodes, i.plan.cassandraClusterName));
      } catch (error) {
        const message = isOpsError(error) ? error.message : (error as Error).message;
        return { isUpNormal: false, schemaAgrees: false, detail: `no CQL answer yet: ${message.slice(0, 300)}` };
      }
    },
  };
}
