import type { CreateVmInput, NodeResourceInput, ProbeNodeJoinedInput, RunNodeScriptInput } from '../contracts/activity-io.js';
import { renderNodeCloudInit } from '../domain/render/render-node-cloud-init.js';
import type { NodeJoinStatus } from '../domain/ports/cql-port.js';
import { isOpsError } from '../errors/ops-error.js';
import { fail, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { withClusterSession } from './with-cluster-session.js';
import { ownerOf } from './owner-of.js';
import { issueNodeTlsFiles } from './cluster-tls.js';

/**
 * Between a watching join probe's reads: two small reads on an open session cost next to
 * nothing, and a joined ring's gossip settles within a second or two.
 */
const JOIN_WATCH_EVERY_IN_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** NIC, VM, node script and join probe activities. */
export function createNodeActivities(deps: ActivityDeps) {
  const { arm, agent } = deps;
  return {
    createOrUpdateNic: (i: NodeResourceInput): Promise<Result<void>> => arm.ensureNic(i.node, ownerOf(i), i.loadBalancer),
    /**
     * Renders the node's cloud-init here, from the spec, with a TLS key and certificate issued
     * here for the node's address, so no stored record or orchestration input carries a rendered
     * document or a key. A spec that plans no such node, or a cluster without a CA (its
     * deployment's preparation creates one), is a permanent failure.
     */
    createOrUpdateVm: async (i: CreateVmInput): Promise<Result<void>> => {
      const tls = await issueNodeTlsFiles(deps.secrets, deps.certificates, i.clusterName, i.node);
      if (!tls) return fail({ code: 'CASSOPS_TLS_CA_MISSING', message: `Cluster ${i.clusterName} has no certificate authority to sign ${i.node.name}'s certificate.` });
      const cloudInit = renderNodeCloudInit(i.spec, i.node, i.firstBoot ?? 'ordered',
        { ...(i.node.tokens ? { restoredTokens: i.node.tokens } : {}), ...(i.replaceAddress ? { replaceAddress: i.replaceAddress } : {}),
          ...(i.withoutBootstrap ? { withoutBootstrap: true } : {}) }, tls);
      if (cloudInit === undefined) return fail({ code: 'CASSOPS_INTERNAL', message: `The cluster's spec plans no node ${i.node.name}.` });
      return arm.ensureVm(i.node, i.vm, ownerOf(i), Buffer.from(cloudInit, 'utf8').toString('base64'));
    },
    runNodeScript: (i: RunNodeScriptInput) => agent.runScript(i.node, i.script, i.waitForSeeds ? { waitForSeeds: i.waitForSeeds } : {}),
    /**
     * Watches the node for up to `joinWatchInMs`: knocks on its native port (no TLS, no login)
     * until it accepts, as a node opens it only as it joins, then reads the node in one session
     * until it is joined. Each wait is JOIN_WATCH_EVERY_IN_MS. Never throws for "not yet": a node
     * that does not answer CQL, or refuses logins while system_auth settles, is reported as not
     * joined so the orchestrator polls again on a timer.
     */
    probeNodeJoined: async (i: ProbeNodeJoinedInput): Promise<NodeJoinStatus> => {
      const until = Date.now() + (deps.joinWatchInMs ?? 0);
      const watching = () => Date.now() + JOIN_WATCH_EVERY_IN_MS <= until;
      const listens = async () => (await deps.cql.probeNativeTransport([i.node.privateIp])).answers[0]?.answer === 'accepted';
      while (watching() && !(await listens())) await sleep(JOIN_WATCH_EVERY_IN_MS);
      try {
        return await withClusterSession(deps, i.cluster, { contactPoints: [i.node.privateIp], localDataCenter: i.node.dc, contactPointsOnly: true },
          async (session) => {
            for (;;) {
              const status = await session.probeNodeJoined(i.node, i.expectedNodes, i.cluster.cassandraClusterName);
              if ((status.isUpNormal && status.schemaAgrees) || !watching()) return status;
              await sleep(JOIN_WATCH_EVERY_IN_MS);
            }
          });
      } catch (error) {
        const message = isOpsError(error) ? error.message : (error as Error).message;
        return { isUpNormal: false, schemaAgrees: false, detail: `no CQL answer yet: ${message.slice(0, 300)}` };
      }
    },
  };
}
